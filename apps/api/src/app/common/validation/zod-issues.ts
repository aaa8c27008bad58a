import type { FieldIssue } from '@supchat/contracts';
import type { z } from 'zod';

/** Turns zod issues into field issues that name the field (dotted path) and the rule. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => (path ? `${path}.${key}` : key));
      return { path: keys.join(', '), message: `unknown field${keys.length > 1 ? 's' : ''}` };
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return { path, message: 'is required' };
    }
    return { path, message: issue.message };
  });
}
