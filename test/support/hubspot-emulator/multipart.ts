/** One part of a `multipart/form-data` body (RFC 7578), as the Files API receives it (docs/hubspot.md). */
export type FormPart = {
  readonly name: string;
  readonly filename: string | null;
  readonly contentType: string | null;
  readonly data: Buffer;
};

/** Parses a multipart body, or returns a problem in words (missing boundary, unterminated part, no name). */
export function parseMultipart(contentType: string, body: Buffer): FormPart[] | string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!/^multipart\/form-data/i.test(contentType) || boundary === undefined) {
    return 'content-type must be multipart/form-data with a boundary';
  }
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) {
    return 'no multipart boundary in the body';
  }
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') {
      return parts;
    }
    const headerEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(delimiter, at);
    if (headerEnd < 0 || next < 0 || headerEnd > next) {
      return 'unterminated multipart part';
    }
    const headers = body.subarray(at, headerEnd).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) {
      return 'a multipart part has no name';
    }
    parts.push({
      name,
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? null,
      data: body.subarray(headerEnd + 4, next - 2),
    });
    at = next;
  }
}
