import type { CrmData } from '#shared/model/crm-data.js';
import { crmDataSchema } from '#shared/model/crm-data.schema.js';
import { describeSchemaIssue } from '#shared/util/describe-schema-issue.js';
import { err, ok, type Result } from '#shared/util/result.js';

/**
 * Reads CRM.json from `unknown` through its schema (shared/model/crm-data.schema.ts): the data normalised, or one
 * line naming the first bad field, e.g. `users[2].email: not an email address`, for the CLI to print.
 */
export function validateCrmData(raw: unknown): Result<CrmData, string> {
  const parsed = crmDataSchema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : err(describeSchemaIssue(parsed.error, 'CRM data'));
}
