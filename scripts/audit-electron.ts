/**
 * `npm run audit:electron` (docs/security.md "Electron"): Electronegativity over electron/app/ and renderer/ in ONE
 * scan (its global checks, such as the navigation limits and the permission handler, look at the app as a
 * whole), then the findings as a table, and exit 1 on any HIGH or MEDIUM one: the tool itself exits 0 whatever it
 * finds. It works offline; it only says it could not fetch Electron's release list. The Electron version it
 * assumes is the installed package's, so its defaults are judged for the Electron the app ships.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Finding = {
  readonly check: string;
  readonly severity: string;
  readonly confidence: string;
  readonly file: string;
  readonly location: string;
  readonly description: string;
};

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks (Electronegativity's samples do). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i += 1;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Electronegativity's CSV (header `issue, severity, confidence, filename, location, sample, description, url`). */
export function readFindings(csv: string): Finding[] {
  const [header, ...rows] = parseCsv(csv);
  const at = (name: string): number => (header ?? []).findIndex((h) => h.trim() === name);
  const columns = ['issue', 'severity', 'confidence', 'filename', 'location', 'description'].map(at);
  if (columns.some((c) => c < 0)) {
    throw new Error(`unexpected Electronegativity CSV header: ${JSON.stringify(header)}`);
  }
  const [check, severity, confidence, file, location, description] = columns as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return rows.map((r) => ({
    check: r[check]?.trim() ?? '',
    severity: r[severity]?.trim() ?? '',
    confidence: r[confidence]?.trim() ?? '',
    file: r[file]?.trim() ?? '',
    location: r[location]?.trim() ?? '',
    description: r[description]?.trim() ?? '',
  }));
}

/** The findings that fail the audit. */
export function failing(findings: ReadonlyArray<Finding>): Finding[] {
  return findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
}

export function formatTable(findings: ReadonlyArray<Finding>): string {
  if (findings.length === 0) {
    return 'Electronegativity: no findings.';
  }
  const rows = [
    ['severity', 'confidence', 'check', 'where', 'description'],
    ...findings.map((f) => [f.severity, f.confidence, f.check, `${f.file}:${f.location}`, f.description]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function main(): number {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-audit-'));
  try {
    // One input folder holding both, under their repository paths, without build output.
    const skip = (source: string): boolean => !/[\\/](dist|node_modules)([\\/]|$)/.test(source);
    fs.cpSync(path.join(root, 'electron', 'app'), path.join(work, 'electron', 'app'), {
      recursive: true,
      filter: skip,
    });
    fs.cpSync(path.join(root, 'renderer'), path.join(work, 'renderer'), { recursive: true, filter: skip });
    const electronVersion = (
      JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const csv = path.join(work, 'findings.csv');
    const run = spawnSync(
      path.join(root, 'node_modules', '.bin', 'electronegativity'),
      ['-i', work, '-r', '-e', electronVersion, '-o', csv],
      { encoding: 'utf8', cwd: work },
    );
    if (run.status !== 0 || !fs.existsSync(csv)) {
      process.stderr.write(
        `${run.stdout}${run.stderr}\naudit:electron: Electronegativity did not run (exit ${run.status})\n`,
      );
      return 1;
    }
    const findings = readFindings(fs.readFileSync(csv, 'utf8'));
    process.stdout.write(
      `Electronegativity (Electron ${electronVersion}) over electron/app/ and renderer/:\n`,
    );
    process.stdout.write(`${formatTable(findings)}\n`);
    const bad = failing(findings);
    if (bad.length > 0) {
      process.stdout.write(
        `audit:electron: ${bad.length} HIGH or MEDIUM finding(s): fix them (docs/security.md).\n`,
      );
      return 1;
    }
    process.stdout.write('audit:electron: no HIGH or MEDIUM finding.\n');
    return 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
