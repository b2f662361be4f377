import { describe, expect, it } from 'vitest';
import { parseAttachmentName } from '../../../../electron/core/parse-attachment-name.js';

describe('parseAttachmentName', () => {
  const cases: ReadonlyArray<{ rule: string; raw: string | undefined; contentType: string; want: string }> = [
    {
      rule: 'keeps an ordinary name',
      raw: 'contract.pdf',
      contentType: 'application/pdf',
      want: 'contract.pdf',
    },
    {
      rule: 'keeps a Japanese name',
      raw: '見積書.xlsx',
      contentType: 'application/octet-stream',
      want: '見積書.xlsx',
    },
    {
      rule: 'keeps the last segment of a POSIX path',
      raw: '../../etc/passwd',
      contentType: 'text/plain',
      want: 'passwd',
    },
    {
      rule: 'keeps the last segment of a Windows path',
      raw: 'C:\\Users\\bob\\..\\evil.exe',
      contentType: 'application/octet-stream',
      want: 'evil.exe',
    },
    { rule: 'drops a trailing ..', raw: 'docs/..', contentType: 'text/plain', want: 'docs' },
    {
      rule: 'removes control characters',
      raw: 'a\r\nb\u0000.txt',
      contentType: 'text/plain',
      want: 'ab.txt',
    },
    {
      rule: 'generates a name when missing',
      raw: undefined,
      contentType: 'image/png',
      want: 'attachment-3.png',
    },
    {
      rule: 'generates a name when only dots',
      raw: '..',
      contentType: 'message/rfc822',
      want: 'attachment-3.eml',
    },
    {
      rule: 'uses .bin for an unknown type',
      raw: '',
      contentType: 'application/x-unknown',
      want: 'attachment-3.bin',
    },
  ];

  it.each(cases)('$rule', ({ raw, contentType, want }) => {
    expect(parseAttachmentName(raw, 3, contentType)).toBe(want);
  });

  it('shortens a very long name and keeps its extension', () => {
    const name = parseAttachmentName(`${'x'.repeat(400)}.pdf`, 1, 'application/pdf');
    expect([name.length, name.endsWith('x.pdf')]).toEqual([255, true]);
  });
});
