/**
 * The display name of an attachment. A file name in mail is chosen by the sender, so it is only ever shown,
 * never used as a path (blobs are named by their sha256): still, what is shown is made harmless. A name with
 * path separators or `..` keeps its last segment; control characters go; a missing or empty name becomes
 * `attachment-<n>.<ext>` with the extension taken from the content type.
 */

const EXTENSIONS: Readonly<Record<string, string>> = {
  'message/rfc822': 'eml',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'text/csv': 'csv',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const MAX_NAME_LENGTH = 255;

/** `index` is the attachment's 1-based position in its message. */
export function parseAttachmentName(raw: string | undefined, index: number, contentType: string): string {
  const segment = lastPathSegment(raw ?? '');
  if (segment === '') {
    return `attachment-${index}.${EXTENSIONS[contentType.toLowerCase()] ?? 'bin'}`;
  }
  return truncateKeepingExtension(segment);
}

function lastPathSegment(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = name.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '');
  const segments = cleaned.split(/[/\\]/).map((part) => part.trim());
  const last = segments.filter((part) => part !== '' && part !== '.' && part !== '..').pop() ?? '';
  // A last segment of dots and spaces only (`. .`) says nothing either.
  return /^[.\s]*$/.test(last) ? '' : last;
}

function truncateKeepingExtension(name: string): string {
  const characters = Array.from(name);
  if (characters.length <= MAX_NAME_LENGTH) {
    return name;
  }
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return Array.from(name.slice(0, name.length - extension.length))
    .slice(0, MAX_NAME_LENGTH - Array.from(extension).length)
    .join('')
    .concat(extension);
}
