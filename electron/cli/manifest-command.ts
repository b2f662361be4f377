import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';
import { defaultAddinOrigin, renderManifest } from './render-manifest.js';

const manifestFile = fileURLToPath(new URL('../../addin/manifest.xml', import.meta.url));

/**
 * `manifest [--host https://…] [--out FILE]` (A6): the add-in manifest IT sideloads, pointing at the companion
 * (default) or at IT's own server that hosts the pages (docs/addin.md).
 */
export async function runManifestCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('manifest', args, { host: { type: 'string' }, out: { type: 'string' } });
  if (parsed.positionals.length > 0) {
    throw usageError(`manifest: unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
  }
  const host = stringOption(parsed, 'host') ?? defaultAddinOrigin;
  let xml: string;
  try {
    xml = renderManifest(await readFile(manifestFile, 'utf8'), host);
  } catch (error) {
    throw usageError(`manifest: ${error instanceof Error ? error.message : String(error)}`);
  }
  const target = stringOption(parsed, 'out');
  if (target === undefined) {
    out.print(xml.trimEnd());
    return 0;
  }
  await writeFile(target, xml);
  out.error(`manifest for ${new URL(host).origin} written to ${target}`);
  return 0;
}
