import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlobStore } from '../../../../electron/core/blob-store.js';
import { createPipeline } from '../../../../electron/core/pipeline.js';
import { openLocalStore } from '../../../../electron/crm/local/open-local-store.js';
import { importPath, type ImportProgress } from '../../../../electron/intake/folder-intake.js';
import { splitMbox } from '../../../../electron/intake/split-mbox.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../crm/helpers/temp-store.js';

afterEach(() => removeTempDirs());

function message(id: string, body = `Hello from ${id}.`): string {
  return [
    'From: Ann Smith <ann@corp.example>',
    `To: Person ${id} <person.${id}@acme.example>`,
    `Subject: Back-fill ${id}`,
    'Date: Thu, 05 Mar 2026 10:00:00 +0100',
    `Message-ID: <${id}@import.test>`,
    '',
    body,
    '',
  ].join('\n');
}

async function split(text: string, max = 1_000_000): Promise<string[]> {
  const out: string[] = [];
  for await (const part of splitMbox(Readable.from([Buffer.from(text)]), max)) {
    out.push(part.toString('latin1'));
  }
  return out;
}

function openPipeline(): { pipeline: ReturnType<typeof createPipeline>; close(): void } {
  const dir = makeTempDir();
  const store = openLocalStore(dir);
  store.importCrm(sampleCrm);
  return {
    pipeline: createPipeline({ store, blobs: createBlobStore(path.join(dir, 'blobs')) }),
    close: () => store.close(),
  };
}

describe('splitMbox', () => {
  it('splits on From lines after an empty line, drops separators, and unescapes >From (mboxrd)', async () => {
    const mbox = [
      'From ann@corp.example Thu Mar  5 10:00:00 2026',
      'Subject: one',
      '',
      '>From the start, a quoted From line.',
      '>>From twice escaped.',
      'From inside a paragraph is not a separator.',
      '',
      'From tom@corp.example Thu Mar  5 10:01:00 2026',
      'Subject: two',
      '',
      'body two',
      '',
    ].join('\n');
    expect(await split(mbox)).toEqual([
      'Subject: one\n\nFrom the start, a quoted From line.\n>From twice escaped.\nFrom inside a paragraph is not a separator.\n',
      'Subject: two\n\nbody two\n',
    ]);
  });

  it('keeps CRLF line ends byte for byte and cuts a message over the limit at limit + 1 bytes', async () => {
    const mbox = 'From a@b Thu Mar  5 10:00:00 2026\r\nSubject: x\r\n\r\n' + 'y'.repeat(100) + '\r\n';
    expect(await split(mbox)).toEqual(['Subject: x\r\n\r\n' + 'y'.repeat(100) + '\r\n']);
    expect((await split(mbox, 20))[0]).toHaveLength(21);
  });
});

describe('importPath (the C1 back-fill)', () => {
  it('imports an mbox with a >From line through the pipeline, with progress', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'archive.mbox');
    const bodies = [message('m1'), message('m2', '>From here on, an escaped line.'), message('m3')];
    fs.writeFileSync(
      file,
      bodies.map((m) => `From ann@corp.example Thu Mar  5 10:00:00 2026\n${m}\n`).join(''),
    );
    const { pipeline, close } = openPipeline();
    const progress: ImportProgress[] = [];
    const files: string[] = [];
    const summary = await importPath(file, pipeline, {
      onProgress: (p) => progress.push(p),
      onResult: (_result, source) => files.push(source),
    });
    close();
    expect(summary).toEqual({ count: 3, byStatus: { logged: 3, skipped: 0, rejected: 0, duplicate: 0 } });
    expect(files).toEqual(['archive.mbox#1', 'archive.mbox#2', 'archive.mbox#3']);
    expect(progress.map((p) => [p.count, p.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(progress.at(-1)?.bytes).toBe(progress.at(-1)?.totalBytes);
  });

  it('imports a Maildir (cur and new, Maildir++ subfolders, not tmp or index files) and .eml files in folders', async () => {
    const root = makeTempDir();
    const write = (relative: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), text);
    };
    write('Maildir/cur/1700000002.M2P1.host,S=1:2,S', message('cur-2'));
    write('Maildir/cur/1700000001.M1P1.host,S=1:2,S', message('cur-1'));
    write('Maildir/new/1700000003.M3P1.host', message('new-3'));
    write('Maildir/tmp/1700000004.M4P1.host', message('in-delivery'));
    write('Maildir/dovecot-uidlist', '3 V1 N4\n');
    write('Maildir/.Sent/cur/1700000005.M5P1.host,S=1:2,S', message('sent-5'));
    write('exports/2026/a.eml', message('eml-a'));
    write('exports/notes.txt', 'not mail');
    const { pipeline, close } = openPipeline();
    const files: string[] = [];
    const summary = await importPath(root, pipeline, { onResult: (_r, source) => files.push(source) });
    close();
    expect(files).toEqual([
      path.join('Maildir', '.Sent', 'cur', '1700000005.M5P1.host,S=1:2,S'),
      path.join('Maildir', 'cur', '1700000001.M1P1.host,S=1:2,S'),
      path.join('Maildir', 'cur', '1700000002.M2P1.host,S=1:2,S'),
      path.join('Maildir', 'new', '1700000003.M3P1.host'),
      path.join('exports', '2026', 'a.eml'),
    ]);
    expect(summary.byStatus.logged).toBe(5);
  });
});
