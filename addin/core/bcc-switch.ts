import type { OutlookHost, Recipient } from '../office/outlook-host.js';
import { isFormOfBccAddress, isSameAddress } from './logging-address.js';

/** What the Bcc line says after a change, read back from Outlook (A1: add calls are known to fail silently). */
export type SwitchOutcome =
  | { readonly kind: 'on' }
  | { readonly kind: 'off' }
  | { readonly kind: 'failed'; readonly wanted: 'on' | 'off'; readonly detail: string };

const sessionKey = 'crmMailLogger.log';

/** A1: reads the Bcc line: on when the user's exact BCC address is there. */
export async function readSwitch(host: OutlookHost, bccAddress: string): Promise<SwitchOutcome> {
  const bcc = await host.getRecipients('bcc');
  if (!bcc.ok) {
    return { kind: 'failed', wanted: 'on', detail: bcc.error.message };
  }
  return bcc.value.some((r) => isSameAddress(r.emailAddress, bccAddress)) ? { kind: 'on' } : { kind: 'off' };
}

/**
 * A1: puts the user's BCC address on Bcc. Other forms of it (another token) are removed first and read back,
 * then the address is added and read back; a silent no-op add is tried once more with a set of the whole line.
 * Other Bcc recipients are never touched.
 */
export async function switchOn(host: OutlookHost, bccAddress: string): Promise<SwitchOutcome> {
  await remember(host, 'on');
  const current = await host.getRecipients('bcc');
  if (!current.ok) {
    return failed('on', current.error.message);
  }
  if (current.value.some((r) => isSameAddress(r.emailAddress, bccAddress))) {
    return { kind: 'on' };
  }
  const others = current.value.filter((r) => !isFormOfBccAddress(r.emailAddress, bccAddress));
  if (others.length !== current.value.length) {
    const removed = await setAndReadBack(host, others);
    if (!removed.ok) {
      return failed('on', removed.detail);
    }
  }
  const entry: Recipient = { emailAddress: bccAddress, displayName: bccAddress };
  const added = await host.addRecipients('bcc', [entry]);
  if (added.ok && (await readSwitch(host, bccAddress)).kind === 'on') {
    return { kind: 'on' };
  }
  const retried = await setAndReadBack(host, [...others, entry]);
  if (retried.ok && retried.line.some((r) => isSameAddress(r.emailAddress, bccAddress))) {
    return { kind: 'on' };
  }
  if (!retried.ok) {
    return failed('on', retried.detail);
  }
  return failed('on', added.ok ? 'Outlook did not add the address to Bcc.' : added.error.message);
}

/** A1: removes every form of the user's BCC address from Bcc, and only those. */
export async function switchOff(host: OutlookHost, bccAddress: string): Promise<SwitchOutcome> {
  await remember(host, 'off');
  const current = await host.getRecipients('bcc');
  if (!current.ok) {
    return failed('off', current.error.message);
  }
  const others = current.value.filter((r) => !isFormOfBccAddress(r.emailAddress, bccAddress));
  if (others.length === current.value.length) {
    return { kind: 'off' };
  }
  const removed = await setAndReadBack(host, others);
  if (!removed.ok) {
    return failed('off', removed.detail);
  }
  return removed.line.some((r) => isFormOfBccAddress(r.emailAddress, bccAddress))
    ? failed('off', 'Outlook did not remove the address from Bcc.')
    : { kind: 'off' };
}

/** What the user asked for on this message (the send check compares it with the Bcc line), or null. */
export async function wantedSwitch(host: OutlookHost): Promise<'on' | 'off' | null> {
  const value = await host.getSessionValue(sessionKey);
  return value.ok && (value.value === 'on' || value.value === 'off') ? value.value : null;
}

async function remember(host: OutlookHost, wanted: 'on' | 'off'): Promise<void> {
  // Best effort: without it the send check falls back to the user's default.
  await host.setSessionValue(sessionKey, wanted);
}

async function setAndReadBack(
  host: OutlookHost,
  line: ReadonlyArray<Recipient>,
): Promise<{ ok: true; line: ReadonlyArray<Recipient> } | { ok: false; detail: string }> {
  const set = await host.setRecipients('bcc', line);
  if (!set.ok) {
    return { ok: false, detail: set.error.message };
  }
  const after = await host.getRecipients('bcc');
  return after.ok ? { ok: true, line: after.value } : { ok: false, detail: after.error.message };
}

function failed(wanted: 'on' | 'off', detail: string): SwitchOutcome {
  return { kind: 'failed', wanted, detail };
}
