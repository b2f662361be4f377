import { describe, expect, it } from 'vitest';
import {
  headerValues,
  isMessageHeader,
  readMessageId,
  readRoutingHeaders,
} from '../../../../electron/core/parse-header-lines.js';
import type { RawHeaderLine } from '../../../../electron/core/parse-header-lines.js';

function line(field: string): RawHeaderLine {
  const key = field.slice(0, Math.max(0, field.indexOf(':'))).toLowerCase();
  return { key, line: Buffer.from(field, 'utf8').toString('latin1') };
}

describe('parse-header-lines', () => {
  it('R1, N2: reads the routing headers raw, repeated ones in order, first occurrence for single ones', () => {
    const lines = [
      line('Return-Path: <>'),
      line('Delivered-To: log+fwd@corp.example'),
      line('Delivered-To: log@corp.example'),
      line('X-Original-To: <log+fwd@corp.example>'),
      line('Auto-Submitted: auto-replied (vacation)'),
      line('Precedence: list'),
      line('Precedence: bulk'),
      line('List-Id: =?utf-8?q?Caf=C3=A9?= <cafe.list.example>'),
      line('Authentication-Results: mx.corp.example;\r\n dmarc=pass'),
      line('Authentication-Results: other.example; dkim=fail'),
    ];
    expect(readRoutingHeaders(lines)).toEqual({
      delivery: [
        { field: 'delivered-to', address: 'log+fwd@corp.example', aboveFirstReceived: true },
        { field: 'delivered-to', address: 'log@corp.example', aboveFirstReceived: true },
        { field: 'x-original-to', address: '<log+fwd@corp.example>', aboveFirstReceived: true },
      ],
      autoSubmitted: 'auto-replied (vacation)',
      precedence: 'list',
      listId: '=?utf-8?q?Caf=C3=A9?= <cafe.list.example>',
      returnPath: '<>',
      authenticationResults: ['mx.corp.example; dmarc=pass', 'other.example; dkim=fail'],
    });
  });

  it('R1: gives the delivery fields in header order, each with its place against the first Received', () => {
    const lines = [
      line('X-Original-To: log+bcc@corp.example'),
      line('Delivered-To: log@mail.corp.example'),
      line('Received: from mx.corp.example by mail.corp.example'),
      line('Delivered-To: ann+crm-bcc@corp.example'),
      line('Received: from sender.example by mx.corp.example'),
      line('X-Original-To: log+fwd@corp.example'),
    ];
    expect(readRoutingHeaders(lines).delivery).toEqual([
      { field: 'x-original-to', address: 'log+bcc@corp.example', aboveFirstReceived: true },
      { field: 'delivered-to', address: 'log@mail.corp.example', aboveFirstReceived: true },
      { field: 'delivered-to', address: 'ann+crm-bcc@corp.example', aboveFirstReceived: false },
      { field: 'x-original-to', address: 'log+fwd@corp.example', aboveFirstReceived: false },
    ]);
  });

  it('unfolds folded values and reads raw 8-bit bytes as UTF-8', () => {
    expect(headerValues([line('Subject: 日本語の\r\n\t件名')], 'subject')).toEqual(['日本語の\t件名']);
  });

  it('reads the Message-ID with its angle brackets, null when missing or empty', () => {
    expect([
      readMessageId([line('Message-ID: <a@b.example>')]),
      readMessageId([line('Message-ID:   ')]),
      readMessageId([]),
    ]).toEqual(['<a@b.example>', null, null]);
  });

  it('tells a message header from prose and binary garbage', () => {
    expect([
      isMessageHeader([line('Subject: hi')]),
      isMessageHeader([
        { key: '', line: 'hello world' },
        { key: '', line: 'not mail' },
      ]),
      isMessageHeader([{ key: 'ÿøÿà\u0000jfif', line: 'ÿøÿà\u0000JFIF: x' }]),
      isMessageHeader([{ key: '', line: '' }]),
      isMessageHeader([line('From: a@b.example'), line('Subject: x'), { key: '', line: 'stray line' }]),
    ]).toEqual([true, false, false, false, true]);
  });
});
