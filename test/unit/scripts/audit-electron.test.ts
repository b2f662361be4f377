import { describe, expect, it } from 'vitest';
import { failing, formatTable, parseCsv, readFindings } from '../../../scripts/audit-electron.js';

// The shape Electronegativity 1.10 writes (-o findings.csv): quoted fields, a sample spanning lines.
const csv = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected in the target application",https://x/CSP',
  'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","electron/app/main.ts","5:45","new BrowserWindow({',
  '  webPreferences: { contextIsolation: false, title: ""a, b"" }',
  '})","Review the use of the contextIsolation option",https://x/CI',
  'OPEN_EXTERNAL_JS_CHECK,"LOW","TENTATIVE","electron/app/main.ts","9:1","shell.openExternal(url)","Review the use of openExternal",https://x/OE',
  '',
].join('\r\n');

describe('audit:electron', () => {
  it('reads quoted CSV fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b, ""c""\nd",e\n\nf\n')).toEqual([['a', 'b, "c"\nd', 'e'], ['f']]);
  });

  it('reads the findings, and fails on HIGH and MEDIUM only', () => {
    const findings = readFindings(csv);
    expect(findings.map((f) => [f.check, f.severity, f.file, f.location])).toEqual([
      ['CSP_GLOBAL_CHECK', 'MEDIUM', 'N/A', '0:0'],
      ['CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'electron/app/main.ts', '5:45'],
      ['OPEN_EXTERNAL_JS_CHECK', 'LOW', 'electron/app/main.ts', '9:1'],
    ]);
    expect(failing(findings).map((f) => f.check)).toEqual(['CSP_GLOBAL_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']);
    expect(failing(findings.slice(2))).toEqual([]);
  });

  it('prints one aligned row per finding', () => {
    const table = formatTable(readFindings(csv)).split('\n');
    expect(table).toHaveLength(4);
    expect(table[0]).toMatch(/^severity +confidence +check +where +description$/);
    expect(table[2]).toContain('electron/app/main.ts:5:45');
    expect(formatTable([])).toBe('Electronegativity: no findings.');
  });

  it('refuses a CSV it does not understand rather than passing it', () => {
    expect(() => readFindings('a,b\n1,2\n')).toThrow(/unexpected Electronegativity CSV header/);
  });
});
