import type { PipeTransform } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import { toFieldIssues } from './zod-issues';

/** Validates one argument (body, query, param) against a contract schema; errors name the field. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) throw AppError.validation(toFieldIssues(result.error));
    return result.data;
  }
}
