/** A small MIME reader for the talon corpus's `.eml` files: the text and HTML parts and the subject. */
export function readEml(raw: Buffer): { text: string | null; html: string | null; subject: string | null } {
  const found: { text: string | null; html: string | null } = { text: null, html: null };
  const top = splitEntity(raw.toString('latin1'));
  walk(top.headers, top.body, found);
  const subject = top.headers.get('subject');
  return { ...found, subject: subject === undefined ? null : decodeWords(subject) };
}

export function splitEntity(entity: string): { headers: Map<string, string>; body: string } {
  const sep = /\r?\n\r?\n/.exec(entity);
  const head = sep === null ? entity : entity.slice(0, sep.index);
  const body = sep === null ? '' : entity.slice(sep.index + sep[0].length);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) {
        headers.set(name, line.slice(colon + 1).trim());
      }
    }
  }
  return { headers, body };
}

export function walk(
  headers: Map<string, string>,
  body: string,
  found: { text: string | null; html: string | null },
): void {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary !== undefined) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) {
        break;
      }
      const entity = splitEntity(part.replace(/^\r?\n/, ''));
      walk(entity.headers, entity.body, found);
    }
    return;
  }
  const key = /^text\/html/i.test(type) ? 'html' : /^text\/plain/i.test(type) ? 'text' : null;
  if (key === null || found[key] !== null) {
    return;
  }
  const charset = /charset="?([^";\s]+)"?/i.exec(type)?.[1] ?? 'utf-8';
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  found[key] = decodeCharset(decodeTransfer(body, encoding), charset);
}

export function decodeTransfer(body: string, encoding: string): Buffer {
  if (encoding === 'base64') {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  }
  if (encoding === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    return Buffer.from(
      soft.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
  }
  return Buffer.from(body, 'latin1');
}

export function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

export function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g,
    (_, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toLowerCase() === 'b'
          ? Buffer.from(data, 'base64')
          : decodeTransfer(data.replace(/_/g, ' '), 'quoted-printable');
      return decodeCharset(bytes, charset);
    },
  );
}
