import type { ParseLimits } from './limits.js';

/** Why a message could not be parsed (R3); the pipeline logs it as `rejected` with this reason. */
export type ParseFailure = {
  readonly reason: 'malformed-message' | 'message-too-large' | 'parse-timeout';
  readonly detail: string;
};

/** Something the parse left out or could not read, without failing (R3: logged as usual). */
export type ParseDefect = {
  readonly kind:
    | 'text-truncated'
    | 'html-truncated'
    | 'recipients-truncated'
    | 'attached-message-unreadable'
    | 'attached-messages-over-limit'
    | 'from-unverifiable';
  readonly detail: string;
};

export function malformed(detail: string): ParseFailure {
  return { reason: 'malformed-message', detail };
}

export function tooLarge(limits: Pick<ParseLimits, 'maxMessageBytes'>): ParseFailure {
  return {
    reason: 'message-too-large',
    detail: `the message is over the limit of ${limits.maxMessageBytes} bytes`,
  };
}
