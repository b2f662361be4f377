/**
 * `npm run validate:manifest` (a CI step: it needs Microsoft's manifest schemas, which sit beside the checkout in
 * ../shared/addin-schemas and are not part of the repository). Validates addin/manifest.xml, and the copy that
 * `crm-mail-logger manifest --host` writes for another server, with xmllint against those schemas.
 *
 * The published schemas date from 2018: they predate `Runtimes` and the `LaunchEvent` extension point, so those
 * two are taken out of a temporary copy first (test/unit/addin/manifest.test.ts checks them by hand), and the
 * schemas' one .NET-only pattern (`{0,3}?`, which libxml2 refuses) is patched in a temporary copy of them.
 * A known-bad variant must fail, so a validator that accepts everything cannot pass.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { renderManifest } from '../electron/cli/render-manifest.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemas = path.resolve(repoRoot, '..', 'shared', 'addin-schemas');
if (!existsSync(path.join(schemas, 'OfficeAppManifestV1_1.xsd'))) {
  console.error(
    `validate:manifest: Microsoft's manifest schemas are missing (${schemas}): they sit beside the checkout in CI only.`,
  );
  process.exit(2);
}
try {
  execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('validate:manifest: xmllint is missing: apt-get install libxml2-utils');
  process.exit(2);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'crm-manifest-'));
try {
  for (const file of readdirSync(schemas).filter((f) => f.endsWith('.xsd'))) {
    copyFileSync(path.join(schemas, file), path.join(work, file));
    const text = readFileSync(path.join(work, file), 'utf8').replaceAll('{0,3}?', '{0,3}');
    writeFileSync(path.join(work, file), text);
  }
  const manifest = readFileSync(path.join(repoRoot, 'addin', 'manifest.xml'), 'utf8');
  const cases: Array<[string, string, boolean]> = [
    ['addin/manifest.xml', manifest, true],
    [
      'manifest --host https://crm-addin.corp.example',
      renderManifest(manifest, 'https://crm-addin.corp.example'),
      true,
    ],
    [
      'a broken copy (Permissions ReadWriteEverything)',
      manifest.replace('ReadWriteItem', 'ReadWriteEverything'),
      false,
    ],
  ];
  let failed = false;
  for (const [name, xml, shouldPass] of cases) {
    const file = path.join(work, 'manifest.xml');
    writeFileSync(file, withoutEventParts(xml));
    let output = '';
    let passed: boolean;
    try {
      output = execFileSync(
        'xmllint',
        ['--noout', '--schema', path.join(work, 'OfficeAppManifestV1_1.xsd'), file],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      passed = true;
    } catch (error) {
      output = String((error as { stderr?: string }).stderr ?? error);
      passed = false;
    }
    const ok = passed === shouldPass;
    failed ||= !ok;
    console.log(
      `${ok ? 'ok   ' : 'FAIL '} ${name}: ${passed ? 'validates' : 'rejected'}${shouldPass ? '' : ' (as it must)'}`,
    );
    if (!ok) {
      console.log(output.trim());
    }
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The manifest without the two parts the 2018 schemas do not know. */
function withoutEventParts(xml: string): string {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const remove = (nodes: Element[]) => nodes.forEach((n) => n.parentNode?.removeChild(n));
  const all = Array.from(doc.getElementsByTagName('*'));
  remove(all.filter((e) => e.localName === 'Runtimes'));
  remove(
    all.filter(
      (e) =>
        e.localName === 'ExtensionPoint' &&
        e.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type') === 'LaunchEvent',
    ),
  );
  return new XMLSerializer().serializeToString(doc);
}
