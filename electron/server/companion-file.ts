import fs from 'node:fs';
import path from 'node:path';

/** `<store>/companion.json` (docs/api.md "companion.json"): how scripts and `open` find and call the companion. */
export type CompanionFile = {
  readonly url: string;
  readonly token: string;
  readonly pid: number;
  readonly version: string;
  /** The CA certificate to trust (PEM). */
  readonly ca: string;
};

export const companionFileName = 'companion.json';

/** Written 0600 (it holds the owner token) and renamed into place, so a reader never sees half a file. */
export function writeCompanionFile(storeDir: string, content: CompanionFile): string {
  const file = path.join(storeDir, companionFileName);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
  return file;
}

/** Removed at a clean stop, only when it is still this process's (another companion may have started since). */
export function removeCompanionFile(storeDir: string, pid: number = process.pid): void {
  const file = path.join(storeDir, companionFileName);
  const current = readCompanionFile(storeDir);
  if (current !== null && current.pid === pid) {
    fs.rmSync(file, { force: true });
  }
}

export function readCompanionFile(storeDir: string): CompanionFile | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(storeDir, companionFileName), 'utf8')) as CompanionFile;
  } catch {
    return null;
  }
}
