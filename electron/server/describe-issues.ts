import type { z } from 'zod';

/** A schema's complaints as one sentence per field, for INPUT.INVALID (docs/api.md "Errors"). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length === 0 ? 'input' : issue.path.join('.');
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}
