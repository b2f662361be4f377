import { extractForwardedBlock, type ForwardedBlock, type ForwardInput } from './extract-forwarded-block.js';
import { hasQuotedMessage, listQuotedHistory, type QuotedMessage } from './extract-quoted-history.js';

/**
 * Everything F2 and F8 read out of a forward's body, as plain data (structured-clonable): a parse worker computes
 * it next to the MIME parse, off the companion's main thread (C7, docs/architecture.md), and the rules then
 * choose from it with the account's addresses, which only the main thread has.
 */
export type ForwardExtraction = {
  /** The forwarded-message block (F2), or null. */
  readonly block: ForwardedBlock | null;
  /** F8's candidates, newest first: read from the block's own body when there is a block. */
  readonly quoted: ReadonlyArray<QuotedMessage>;
  /** Whether the body quotes any earlier message at all (F8 against F3). */
  readonly hasQuotedMessage: boolean;
};

/** Reads a forward's body once for every rule that needs it (F2, F8). */
export function extractForward(input: ForwardInput): ForwardExtraction {
  const block = extractForwardedBlock(input);
  const quotedInput: ForwardInput =
    block === null ? input : { ...input, text: block.text, html: block.html, subject: block.subject };
  return { block, quoted: listQuotedHistory(quotedInput), hasQuotedMessage: hasQuotedMessage(input) };
}
