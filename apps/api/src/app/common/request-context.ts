import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const INCOMING_REQUEST_ID = /^[\w.-]{1,64}$/;

declare module 'express' {
  interface Request {
    requestId?: string;
  }
}

/** Gives every request an id (a sane incoming `x-request-id` is kept) and echoes it back. */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const incoming = request.header('x-request-id');
  const requestId = incoming && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  request.requestId = requestId;
  response.setHeader('x-request-id', requestId);
  next();
}
