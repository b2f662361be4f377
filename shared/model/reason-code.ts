/** The reason codes of docs/rules.md#results, in the order docs/rules.md lists them. `duplicate` is a status, not a reason. */
export const reasonCodes = [
  'sender-not-user',
  'token-mismatch',
  'token-required',
  'ambiguous-owner',
  'no-loggable-recipients',
  'never-log',
  'internal-recipient',
  'bcc-recipient',
  'logging-address',
  'attachment-over-limit',
  'forward-format-unrecognized',
  'forward-of-own-message',
  'forward-sender-unknown',
  'original-sender-never-log',
  'malformed-message',
  'message-too-large',
  'parse-timeout',
  'storage-error',
  'dmarc-fail',
] as const;

export type ReasonCode = (typeof reasonCodes)[number];

/** Why a recipient was not associated (B4, B5). */
export type SkipReason = 'never-log' | 'internal-recipient' | 'bcc-recipient' | 'logging-address';

/** The reasons for which a notice goes to a user (N1). */
export type NoticeReason =
  | 'attachment-over-limit'
  | 'forward-format-unrecognized'
  | 'forward-of-own-message'
  | 'forward-sender-unknown'
  | 'token-mismatch'
  | 'sender-not-user';

export function isReasonCode(value: string): value is ReasonCode {
  return (reasonCodes as ReadonlyArray<string>).includes(value);
}
