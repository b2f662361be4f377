import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A small deterministic PRNG (mulberry32): the same seed gives byte-identical corpora across runs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words =
  'renewal proposal pricing quote meeting agenda schedule contract volume delivery invoice review'.split(' ');

/** One small multipart/alternative BCC log from ann@corp.example to one or two contacts (5–20 KB). */
function smallMessage(i: number, next: () => number): string {
  const pick = (): string => words[Math.floor(next() * words.length)] ?? 'note';
  const paragraphs = Array.from({ length: 40 + Math.floor(next() * 120) }, () =>
    Array.from({ length: 12 }, pick).join(' '),
  );
  const text = paragraphs.join('\r\n');
  const html = `<html><body>${paragraphs.map((p) => `<p>${p}</p>`).join('\r\n')}</body></html>`;
  const to = `Contact ${i % 97} <contact${i % 97}@customer${i % 13}.example>`;
  const date = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString().replace('GMT', '+0000');
  return [
    'From: Ann Smith <ann@corp.example>',
    `To: ${to}`,
    i % 3 === 0 ? `Cc: Other ${i % 7} <other${i % 7}@customer${i % 5}.example>` : null,
    `Subject: ${pick()} ${pick()} #${i}`,
    `Date: ${date}`,
    `Message-ID: <bench-${i}@corp.example>`,
    'Delivered-To: log+bcc@corp.example',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '--b',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--b--',
    '',
  ]
    .filter((l) => l !== null)
    .join('\r\n');
}

/** Writes `count` small messages into `dir` (once: a complete folder is reused) and returns their paths. */
export async function generateSmallCorpus(dir: string, count: number, seed = 42): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const existing = (await readdir(dir)).filter((f) => f.endsWith('.eml'));
  if (existing.length !== count) {
    const next = random(seed);
    for (let i = 0; i < count; i++) {
      await writeFile(path.join(dir, `${String(i).padStart(5, '0')}.eml`), smallMessage(i, next));
    }
  }
  return (await readdir(dir))
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => path.join(dir, f));
}
