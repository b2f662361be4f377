import type { MethodOutput } from '#shared/api/companion-api.js';
import type { ReasonCode } from '#shared/model/reason-code.js';

export type SendPreview =
  | { readonly kind: 'preview'; readonly value: MethodOutput<'checkMessage'> }
  | { readonly kind: 'unavailable' };

/** What the send check tells Outlook: send, or ask the user (PromptUser mode offers "Send anyway"). */
export type SendVerdict =
  | { readonly allow: true; readonly note: 'unchecked' | null }
  | {
      readonly allow: false;
      readonly why: 'on-but-missing' | 'off-but-present' | 'nothing-logged';
      readonly reason?: ReasonCode;
    };

/**
 * A2: warns, never blocks silently, when the switch and the Bcc line disagree, or when the Bcc line would log
 * nothing (the companion's preview). `wanted` null means the user never touched the switch on this message: the
 * default counts then, because the compose event that applies it is known to be lost now and then. An
 * unreachable companion leaves only the first check, and the user is told the rest was not checked.
 */
export function judgeSend(input: {
  readonly wanted: 'on' | 'off' | null;
  readonly defaultOn: boolean;
  readonly bccPresent: boolean;
  readonly preview: SendPreview | null;
}): SendVerdict {
  const wanted = input.wanted ?? (input.defaultOn ? 'on' : 'off');
  if (wanted === 'on' && !input.bccPresent) {
    return { allow: false, why: 'on-but-missing' };
  }
  if (wanted === 'off' && input.bccPresent) {
    return { allow: false, why: 'off-but-present' };
  }
  if (!input.bccPresent) {
    return { allow: true, note: null };
  }
  if (input.preview === null || input.preview.kind === 'unavailable') {
    return { allow: true, note: 'unchecked' };
  }
  const { status, reasons } = input.preview.value;
  if (status === 'logged') {
    return { allow: true, note: null };
  }
  const reason = reasons[0];
  return reason === undefined
    ? { allow: false, why: 'nothing-logged' }
    : { allow: false, why: 'nothing-logged', reason };
}
