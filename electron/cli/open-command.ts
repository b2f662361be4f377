import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { readCompanionFile } from '../server/companion-file.js';
import { CliError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { defaultStoreDir } from './default-store-dir.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';

/**
 * `open [--store DIR]` (docs/api.md "Sign-in"): prints a fresh sign-in URL of the running companion, minted over
 * its API with the companion.json token (which itself never appears in the URL).
 */
export async function runOpenCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('open', args, { store: { type: 'string' } });
  const dir = path.resolve(stringOption(parsed, 'store') ?? defaultStoreDir());
  const info = readCompanionFile(dir);
  if (info === null) {
    throw new CliError(
      `no companion is running on the store ${dir} (no companion.json): start it with npm start`,
    );
  }
  const url = new URL('/api/v1/session/codes', info.url);
  const body = await new Promise<string>((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        ca: fs.readFileSync(info.ca),
        headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', (error) =>
      reject(new CliError(`the companion at ${info.url} did not answer: ${error.message}`)),
    );
    req.end('{}');
  });
  const reply = JSON.parse(body) as { ok: boolean; value?: { url: string }; error?: { message: string } };
  if (!reply.ok || reply.value === undefined) {
    throw new CliError(`the companion refused: ${reply.error?.message ?? 'no reason given'}`);
  }
  out.print(reply.value.url);
  return 0;
}
