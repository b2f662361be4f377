import EmailForwardParser from 'email-forward-parser';
import { extractForwardedBlock, type ForwardedBlock } from '#shared/forward/extract-forwarded-block.js';

/** What one forwarded block says, in the shape both extractors can be compared in (ours and the peer's). */
export type Mailbox = { address: string | null; name: string | null };
export type Extracted = {
  forwarded: boolean;
  from?: Mailbox;
  subject?: string | null;
  date?: string | null;
  to?: Mailbox[];
  cc?: Mailbox[];
  body?: string;
  message?: string | null;
};

export const peer = new EmailForwardParser();

export function ours(text: string | null, html: string | null, subject: string | null): Extracted {
  const block = extractForwardedBlock({ text, html, subject, dateOffsetMinutes: null });
  return block === null ? { forwarded: false } : fromBlock(block);
}

export function fromBlock(block: ForwardedBlock): Extracted {
  const mailbox = (m: { name: string; address: string | null }): Mailbox => ({
    address: m.address === '' ? null : m.address,
    name: m.name === '' ? null : m.name,
  });
  return {
    forwarded: true,
    from: mailbox(block.from),
    subject: block.subject,
    date: block.dateText,
    to: block.to.map(mailbox),
    cc: block.cc.map(mailbox),
    body: block.text,
    message: block.note === '' ? null : block.note,
  };
}

export function theirs(body: string, subject: string | null): Extracted {
  const r = peer.read(body, subject ?? undefined);
  if (!r.forwarded) {
    return { forwarded: false };
  }
  const list = (v: unknown): Mailbox[] =>
    (v == null ? [] : Array.isArray(v) ? v : [v]).map((m: Mailbox) => ({
      address: m.address ?? null,
      name: m.name ?? null,
    }));
  return {
    forwarded: true,
    from: { address: r.email.from.address ?? null, name: r.email.from.name ?? null },
    subject: r.email.subject ?? null,
    date: r.email.date ?? null,
    to: list(r.email.to),
    cc: list(r.email.cc),
    body: r.email.body ?? '',
    message: r.message ?? null,
  };
}

/** One corpus's score: cases passed of all, replies taken for forwards, and what failed. */
export type Tally = { pass: number; total: number; repliesTaken: number; failures: string[] };
export const tally = (): Tally => ({ pass: 0, total: 0, repliesTaken: 0, failures: [] });

/** Whitespace runs as one space: visible text compared without layout. */
export const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
