import { companionEventSchema, type CompanionEvent } from './companion-schemas.js';

/** One server-sent event's `data:` line, checked against the contract; null for anything else (docs/api.md). */
export function parseCompanionEvent(data: string): CompanionEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  const event = companionEventSchema.safeParse(parsed);
  return event.success ? event.data : null;
}
