import type { RoutingHeaders } from '#shared/model/parsed-message.js';
import { readDeliveryHeaders } from '#shared/rules/read-delivery-headers.js';

/**
 * Reads header fields from the raw header lines of a message, as written. The routing headers are read raw
 * rather than from mailparser's parsed values because parsing loses what the rules need: `Return-Path: <>` (a
 * null sender, N2) parses to nothing, `List-Id` loses its phrase, and repeated fields (Delivered-To,
 * Authentication-Results) must keep their order (topmost first) and, for R1, their place against the first
 * Received.
 */

/** One raw header line as mailsplit gives it: lower-case key, the whole field with its folding, bytes as latin1. */
export type RawHeaderLine = { readonly key: string; readonly line: string };

/** Every value of the field `name` (lower case), unfolded and trimmed, in order; raw 8-bit bytes read as UTF-8. */
export function headerValues(lines: ReadonlyArray<RawHeaderLine>, name: string): string[] {
  return lines.filter((line) => line.key === name).map((line) => fieldValue(line.line));
}

/** The first value of the field `name`, or null. */
export function firstHeaderValue(lines: ReadonlyArray<RawHeaderLine>, name: string): string | null {
  const line = lines.find((candidate) => candidate.key === name);
  return line === undefined ? null : fieldValue(line.line);
}

export function readRoutingHeaders(lines: ReadonlyArray<RawHeaderLine>): RoutingHeaders {
  return {
    delivery: readDeliveryHeaders(
      lines,
      (line) => line.key,
      (line) => fieldValue(line.line),
    ),
    autoSubmitted: firstHeaderValue(lines, 'auto-submitted'),
    precedence: firstHeaderValue(lines, 'precedence'),
    listId: firstHeaderValue(lines, 'list-id'),
    returnPath: firstHeaderValue(lines, 'return-path'),
    authenticationResults: headerValues(lines, 'authentication-results'),
  };
}

/**
 * The Message-ID with its angle brackets as written (`<id@host>`); a value written without them gets them, as
 * every mail client does; null when missing or empty.
 */
export function readMessageId(lines: ReadonlyArray<RawHeaderLine>): string | null {
  const value = firstHeaderValue(lines, 'message-id');
  if (value === null) {
    return null;
  }
  const bracketed = /<[^<>\s]+>/.exec(value)?.[0];
  if (bracketed !== undefined) {
    return bracketed;
  }
  const bare =
    value
      .replace(/\([^()]*\)/g, '')
      .trim()
      .split(/\s+/)[0] ?? '';
  return bare === '' ? null : `<${bare.replace(/^<|>$/g, '')}>`;
}

/**
 * Whether the lines look like the header of an RFC 5322 message: at least one field with a valid name, and no
 * more broken lines than valid ones. Binary garbage, a JPEG or plain prose fails; a message with a few damaged
 * header lines passes (R3: defects are not a reason to reject).
 */
export function isMessageHeader(lines: ReadonlyArray<RawHeaderLine>): boolean {
  let valid = 0;
  let broken = 0;
  for (const line of lines) {
    if (line.key === '' && line.line === '') {
      continue;
    }
    if (/^[\x21-\x39\x3b-\x7e]+$/.test(line.key)) {
      valid += 1;
    } else {
      broken += 1;
    }
  }
  return valid > 0 && valid >= broken;
}

function fieldValue(line: string): string {
  const utf8 = Buffer.from(line, 'latin1').toString('utf8');
  const colon = utf8.indexOf(':');
  return utf8
    .slice(colon + 1)
    .replace(/\r?\n(?=[ \t])/g, '')
    .replace(/[\r\n]+/g, ' ')
    .trim();
}
