import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { splitMbox } from './split-mbox.js';

/** One place messages are read from: a file holding one message (.eml, a Maildir entry), or an mbox. */
export type MessageSource = {
  readonly kind: 'message' | 'mbox';
  readonly path: string;
  readonly size: number;
};

/**
 * What `import PATH` reads, in a stable order: a single .eml or mbox file; or a folder, walked recursively, where
 * files in a Maildir's `cur`/`new` are messages (whatever their names; `tmp` holds deliveries in progress and is
 * skipped, as are the server's own index files), `*.eml` files are messages, and `*.mbox`/`*.mbx` files or
 * files whose first line is an mbox `From ` line are mboxes. Maildir messages sort by their delivery time (the
 * number their name starts with), everything else by name.
 */
export async function listMessageSources(target: string): Promise<MessageSource[]> {
  const info = await stat(target);
  if (info.isFile()) {
    return [{ kind: (await isMbox(target)) ? 'mbox' : 'message', path: target, size: info.size }];
  }
  const found: MessageSource[] = [];
  await walk(target, found);
  return found;
}

async function walk(dir: string, found: MessageSource[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareNames(a.name, b.name));
  const isMaildir = ['cur', 'new'].some((name) => entries.some((e) => e.isDirectory() && e.name === name));
  const inMaildirBox = ['cur', 'new'].includes(path.basename(dir));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(isMaildir && entry.name === 'tmp')) {
        await walk(full, found);
      }
      continue;
    }
    if (!entry.isFile()) {
      continue;
    }
    const size = (await stat(full)).size;
    if (inMaildirBox) {
      found.push({ kind: 'message', path: full, size });
    } else if (/\.eml$/i.test(entry.name)) {
      found.push({ kind: 'message', path: full, size });
    } else if (/\.(mbox|mbx)$/i.test(entry.name) || (!entry.name.includes('.') && (await isMbox(full)))) {
      found.push({ kind: 'mbox', path: full, size });
    }
  }
}

/** Maildir names start with the delivery time in seconds (`1795739007.M388627P32061.host,S=265`). */
function compareNames(a: string, b: string): number {
  const time = (name: string): number => Number(/^(\d+)\./.exec(name)?.[1] ?? Number.NaN);
  const ta = time(a);
  const tb = time(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) {
    return ta - tb;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

async function isMbox(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    return bytesRead === 5 && head.toString('latin1') === 'From ';
  } finally {
    await handle.close();
  }
}

/** Counts an mbox's messages exactly as `splitMbox` will split it, keeping one byte of each (progress total). */
export async function countMboxMessages(file: string): Promise<number> {
  let count = 0;
  for await (const message of splitMbox(createReadStream(file), 0)) {
    count += message.length > 0 ? 1 : 0;
  }
  return count;
}
