import type { Locale } from '#shared/model/crm-data.js';
import type { NoticeReason } from '#shared/model/reason-code.js';

/**
 * The words of one notice reason. Templates name their values in braces, filled by `fillTemplate`:
 * `{subject}` (the original's subject), `{recipient}` (the notice's recipient), `{count}` (dropped
 * attachments), `{limit}` (the attachment limit in MB).
 */
export type ReasonTexts = {
  /** The notice's subject line. */
  readonly subject: string;
  /** What was not logged, and why, in words. */
  readonly what: string;
  /** What the user can do about it. */
  readonly action: string;
};

/**
 * A locale's text catalogue (N1). Kept as data, one file per locale (`notice-texts.en.ts`, `notice-texts.ja.ts`),
 * so a translator edits words, not code, and the UI's strings can follow the same pattern. The mapped type makes
 * a reason missing from a catalogue a compile error.
 */
export type NoticeTexts = {
  readonly locale: Locale;
  /** The BCP 47 tag dates are written in (`Intl.DateTimeFormat`). */
  readonly dateLocale: string;
  /** The first line: who writes and why (`{mailbox}` is the logging mailbox). */
  readonly greeting: string;
  readonly reasons: { readonly [R in NoticeReason]: ReasonTexts };
  readonly labels: {
    readonly originalMessage: string;
    readonly subject: string;
    readonly date: string;
    readonly messageId: string;
    readonly reasonCodes: string;
    /** One dropped attachment: `{filename}`, `{size}`. */
    readonly droppedFile: string;
  };
  readonly noSubject: string;
  readonly unknownDate: string;
  /** Joins the reason codes. */
  readonly listSeparator: string;
  /** The last paragraph: this is automatic mail. */
  readonly closing: string;
};

/** Replaces each `{name}` with its value in one pass, so braces inside a value (a subject) are left alone. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
