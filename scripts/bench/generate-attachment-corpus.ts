import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateBigMessage } from './generate-big-message.js';

const KiB = 1024;

/**
 * The attachment-heavy corpus of `count` messages, each with one incompressible attachment of 100 KB to
 * 2 MB (sizes from a seeded generator, so every run gets the same corpus), written once to `dir` and reused.
 */
export async function generateAttachmentCorpus(dir: string, count: number, seed = 7): Promise<string[]> {
  const marker = path.join(dir, `.complete-${count}-${seed}`);
  mkdirSync(dir, { recursive: true });
  let state = seed >>> 0;
  const next = (): number => {
    // mulberry32: small, seeded, good enough to spread sizes
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = Math.round(100 * KiB + next() * (2048 - 100) * KiB);
    const file = path.join(dir, `${String(i).padStart(4, '0')}.eml`);
    files.push(existsSync(marker) ? file : await generateBigMessage(file, bytes, `heavy-${seed}-${i}`));
  }
  writeFileSync(marker, '');
  return files;
}
