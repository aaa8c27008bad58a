import type { Ack, AckError } from '@supchat/contracts';
import { AppError } from '../common/errors/app-error';

export function ackOk<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function ackError(error: AckError): Ack<never> {
  return { ok: false, error };
}

/** The ack for any thrown error: domain errors keep their code, anything else is INTERNAL. */
export function ackForError(error: unknown): Ack<never> {
  if (error instanceof AppError) {
    return ackError({
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    });
  }
  return ackError({ code: 'INTERNAL', message: 'Internal server error' });
}
