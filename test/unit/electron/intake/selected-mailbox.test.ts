import type { ImapFlow, MailboxObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { selectedMailbox } from '../../../../electron/intake/selected-mailbox.js';

const inbox = { path: 'INBOX', exists: 3 } as MailboxObject;

describe('selectedMailbox', () => {
  it('is the folder the connection has selected, and nothing for another folder or none', () => {
    const on = (mailbox: ImapFlow['mailbox']): Pick<ImapFlow, 'mailbox'> => ({ mailbox });
    expect(selectedMailbox(on(inbox), 'INBOX')).toBe(inbox);
    expect(selectedMailbox(on(inbox), 'Processing')).toBeUndefined();
    expect(selectedMailbox(on(false), 'INBOX')).toBeUndefined();
  });
});
