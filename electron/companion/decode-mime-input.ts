import { apiFailure, type ApiReply } from '#shared/api/api-error.js';
import { defaultParseLimits } from '../core/limits.js';

/** The `mime` field of log-now and check-forward: a whole RFC 5322 message, base64 (docs/api.md). */
export function decodeMimeInput(mime: string): ApiReply<Buffer> {
  const compact = mime.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    return apiFailure('INPUT.INVALID', 'mime: the message must be base64 (RFC 4648), and this is not.');
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length === 0) {
    return apiFailure('INPUT.INVALID', 'mime: the message is empty.');
  }
  if (bytes.length > defaultParseLimits.maxMessageBytes) {
    return apiFailure(
      'REQUEST.TOO_LARGE',
      `mime: the message is ${bytes.length} bytes, over the limit of ${defaultParseLimits.maxMessageBytes}.`,
    );
  }
  return { ok: true, value: bytes };
}
