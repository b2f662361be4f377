import { describe, expect, it } from 'vitest';
import { fillTemplate, type NoticeTexts } from '../../../../electron/notices/notice-texts.js';
import { noticeTexts, renderNotice, type NoticeContent } from '../../../../electron/notices/render-notice.js';
import type { Locale } from '#shared/model/crm-data.js';
import type { NoticeReason } from '#shared/model/reason-code.js';

const reasons: ReadonlyArray<NoticeReason> = [
  'attachment-over-limit',
  'forward-format-unrecognized',
  'forward-of-own-message',
  'forward-sender-unknown',
  'token-mismatch',
  'sender-not-user',
];
const locales: ReadonlyArray<Locale> = ['en', 'ja'];

function content(overrides: Partial<NoticeContent> = {}): NoticeContent {
  return {
    reason: 'attachment-over-limit',
    locale: 'en',
    recipient: 'ann@corp.example',
    loggingMailbox: 'log@corp.example',
    original: { subject: 'Renewal terms', date: '2026-03-02T09:15:00.000Z', messageId: '<m1@corp.example>' },
    reasonCodes: ['attachment-over-limit', 'never-log'],
    droppedAttachments: [{ filename: 'video.mp4', size: 40 * 2 ** 20 }],
    attachmentLimitMB: 30,
    ...overrides,
  };
}

/** The `{name}` placeholders a template uses. */
function placeholders(template: string): ReadonlyArray<string> {
  return [...template.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('notice texts', () => {
  it('N1: every locale words every reason, with the same placeholders as English', () => {
    const en = noticeTexts.en;
    for (const locale of locales) {
      const texts: NoticeTexts = noticeTexts[locale];
      expect(texts.locale).toBe(locale);
      for (const reason of reasons) {
        const words = texts.reasons[reason];
        for (const key of ['subject', 'what', 'action'] as const) {
          expect(words[key].trim(), `${locale} ${reason} ${key}`).not.toBe('');
          expect(placeholders(words[key]), `${locale} ${reason} ${key}`).toEqual(
            placeholders(en.reasons[reason][key]),
          );
        }
      }
    }
  });

  it('fills each placeholder once, leaving braces inside values alone', () => {
    expect(fillTemplate('{subject} / {count} / {unknown}', { subject: 'a {count} b', count: 2 })).toBe(
      'a {count} b / 2 / {unknown}',
    );
  });
});

describe('renderNotice', () => {
  for (const locale of locales) {
    for (const reason of reasons) {
      it(`N1: ${locale} ${reason}: says what and why, names the message and lists the reason codes`, () => {
        const rendered = renderNotice(content({ locale, reason, reasonCodes: [reason] }));
        const texts = noticeTexts[locale];
        expect(rendered.subject).toContain('Renewal terms');
        const values = { subject: 'Renewal terms', recipient: 'ann@corp.example', count: 1, limit: 30 };
        expect(rendered.text).toContain(fillTemplate(texts.reasons[reason].what, values));
        expect(rendered.text).toContain(fillTemplate(texts.reasons[reason].action, values));
        expect(rendered.subject).toBe(fillTemplate(texts.reasons[reason].subject, values));
        expect(rendered.text).toContain(`${texts.labels.reasonCodes}: ${reason}`);
        expect(rendered.text).toContain(`${texts.labels.subject}: Renewal terms`);
        expect(rendered.text).toContain('<m1@corp.example>');
        expect(rendered.text).toContain(texts.closing);
        for (const part of [rendered.subject, rendered.text, rendered.html]) {
          expect(part).not.toMatch(/\{[a-zA-Z]+\}/);
        }
        expect(rendered.html).toContain(`lang="${locale}"`);
        expect(rendered.html).toContain('&lt;m1@corp.example&gt;');
      });
    }
  }

  it('B8/N1 en: names each dropped file with its size, and the limit', () => {
    const rendered = renderNotice(
      content({
        droppedAttachments: [
          { filename: 'video.mp4', size: 40 * 2 ** 20 },
          { filename: 'scan.tiff', size: 31.5 * 2 ** 20 },
        ],
      }),
    );
    expect(rendered.subject).toBe('Logged without some attachments: Renewal terms');
    expect(rendered.text).toContain('2 of its attachments were not');
    expect(rendered.text).toContain('attachment limit of 30 MB');
    expect(rendered.text).toContain('  - video.mp4 (40.0 MB)\n  - scan.tiff (31.5 MB)');
    expect(rendered.text).toContain('Reason codes: attachment-over-limit, never-log');
    expect(rendered.text).toContain('Date: 2 March 2026 at 09:15:00 UTC');
    expect(rendered.html).toContain('<li>video.mp4 (40.0 MB)</li>');
  });

  it('B8/N1 ja: 添付ファイル名・サイズ・上限を日本語で示す', () => {
    const rendered = renderNotice(content({ locale: 'ja' }));
    expect(rendered.subject).toBe('【CRM】一部の添付ファイルが記録されませんでした: Renewal terms');
    expect(rendered.text).toContain('次の添付ファイル 1 件は、添付ファイルの上限（30 MB）を超えている');
    expect(rendered.text).toContain('  - video.mp4（40.0 MB）');
    expect(rendered.text).toContain('件名: Renewal terms');
    expect(rendered.text).toContain('日時: 2026年3月2日 9:15:00 UTC');
    expect(rendered.text).toContain('理由コード: attachment-over-limit、never-log');
  });

  it('F3: says what was expected: an inline forward with its header block, or a forward as attachment', () => {
    const en = renderNotice(content({ reason: 'forward-format-unrecognized', droppedAttachments: [] }));
    expect(en.text).toContain('Forward the message inline');
    expect(en.text).toContain('header block (From, Sent or Date, To, Subject)');
    expect(en.text).toContain('as an attachment');
    const ja = renderNotice(
      content({ locale: 'ja', reason: 'forward-format-unrecognized', droppedAttachments: [] }),
    );
    expect(ja.text).toContain('インライン転送');
    expect(ja.text).toContain('添付ファイルとして転送');
  });

  it('B1/B2: names the address the message came from', () => {
    const en = renderNotice(content({ reason: 'sender-not-user', recipient: 'temp@corp.example' }));
    expect(en.text).toContain('the address you sent it from, temp@corp.example, is not a CRM user');
    const ja = renderNotice(
      content({ locale: 'ja', reason: 'token-mismatch', recipient: 'ken@corp.example' }),
    );
    expect(ja.text).toContain('送信元のアドレス ken@corp.example のものと一致しない');
  });

  it('only an attachment notice lists files', () => {
    const rendered = renderNotice(content({ reason: 'forward-sender-unknown' }));
    expect(rendered.text).not.toContain('video.mp4');
  });

  it('keeps a hostile subject on one line and escapes it in HTML', () => {
    const rendered = renderNotice(
      content({
        original: { subject: 'Hi\r\nBcc: victim@x.example <script>', date: null, messageId: null },
      }),
    );
    expect(rendered.subject).toBe('Logged without some attachments: Hi Bcc: victim@x.example <script>');
    expect(rendered.text).toContain('Subject: Hi Bcc: victim@x.example <script>\n');
    expect(rendered.text).toContain('Date: (unknown)');
    expect(rendered.text).not.toContain('Message-ID');
    expect(rendered.html).toContain('&lt;script&gt;');
    expect(rendered.html).not.toContain('<script>');
  });

  it('words a missing subject, and writes dates in the zone asked for', () => {
    const en = renderNotice(
      content({
        original: { subject: '  ', date: '2026-03-02T09:15:00.000Z', messageId: null },
        timeZone: 'Asia/Tokyo',
      }),
    );
    expect(en.subject).toBe('Logged without some attachments: (no subject)');
    expect(en.text).toContain('2 March 2026 at 18:15:00 GMT+9');
    const ja = renderNotice(
      content({
        locale: 'ja',
        original: { subject: null, date: null, messageId: null },
        timeZone: 'Asia/Tokyo',
      }),
    );
    expect(ja.subject).toContain('（件名なし）');
    expect(ja.text).toContain('日時: （不明）');
  });
});
