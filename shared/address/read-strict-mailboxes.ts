/**
 * A strict reader of an RFC 5322 `mailbox-list` (the From header), for the one header whose address grants
 * anything (B1: the sender must be a user). Lenient address parsers guess at broken input, and they guess
 * differently: mailparser reads `ann@corp.example(x)evil.example` and `ann@corp.example evil.example` as
 * `ann@corp.example`, another parser reads other addresses from the same bytes
 * (docs/architecture.md). The core therefore accepts a From address only when this
 * reader finds the same addresses as the MIME parser did, and treats the sender as unknown otherwise.
 *
 * Accepted: `addr-spec` and `[phrase] <addr-spec>`, separated by commas; comments and white space between
 * tokens (comments never count); quoted strings and RFC 2047 encoded words (atoms) in the phrase; non-ASCII
 * text (RFC 6532). Refused (null): anything left over, groups, route syntax, white space or comments inside an
 * addr-spec (legal only in the obsolete syntax, and exactly where parsers disagree), an unclosed `<`, quote,
 * comment or domain literal.
 */
export function readStrictMailboxes(value: string): string[] | null {
  const tokens = tokenize(value);
  if (tokens === null) {
    return null;
  }
  const addresses: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]?.kind === ',') {
      i += 1; // obs-mbox-list: empty elements are allowed
      continue;
    }
    const mailbox = readMailbox(tokens, i);
    if (mailbox === null) {
      return null;
    }
    addresses.push(mailbox.address);
    i = mailbox.next;
    if (i < tokens.length && tokens[i]?.kind !== ',') {
      return null;
    }
  }
  return addresses;
}

type TokenKind = 'atom' | 'quoted' | 'literal' | '<' | '>' | '@' | ',' | '.' | 'special';
/** `spaced`: white space or a comment came right before the token. */
type Token = { readonly kind: TokenKind; readonly text: string; readonly spaced: boolean };

const SPECIALS = new Set(['<', '>', '@', ',', '.', ';', ':', '\\', '"', '[', ']', '(', ')']);

function isAtomChar(c: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters end an atom
  return !SPECIALS.has(c) && !/[\s\x00-\x1f\x7f]/.test(c);
}

/** Tokens, with comments removed; null when a quote, comment or literal is not closed, or a control is bare. */
function tokenize(value: string): Token[] | null {
  const tokens: Token[] = [];
  let spaced = false;
  let i = 0;
  const push = (kind: TokenKind, text: string): void => {
    tokens.push({ kind, text, spaced });
    spaced = false;
  };
  while (i < value.length) {
    const c = value[i] ?? '';
    if (/\s/.test(c)) {
      spaced = true;
      i += 1;
    } else if (c === '(') {
      const end = skipComment(value, i);
      if (end === null) {
        return null;
      }
      spaced = true;
      i = end;
    } else if (c === '"') {
      const end = closing(value, i, '"');
      if (end === null) {
        return null;
      }
      push('quoted', value.slice(i, end));
      i = end;
    } else if (c === '[') {
      const end = closing(value, i, ']');
      if (end === null) {
        return null;
      }
      push('literal', value.slice(i, end));
      i = end;
    } else if (c === '<' || c === '>' || c === '@' || c === ',' || c === '.') {
      push(c, c);
      i += 1;
    } else if (isAtomChar(c)) {
      let end = i;
      while (end < value.length && isAtomChar(value[end] ?? '')) {
        end += 1;
      }
      push('atom', value.slice(i, end));
      i = end;
    } else {
      push('special', c); // `:` `;` `\` `]` `)` and bare controls: never part of a valid mailbox
      i += 1;
    }
  }
  return tokens;
}

/** The index after a comment starting at `start` (nested, with quoted pairs); null when unclosed. */
function skipComment(value: string, start: number): number | null {
  let depth = 0;
  for (let i = start; i < value.length; i += 1) {
    const c = value[i];
    if (c === '\\') {
      i += 1;
    } else if (c === '(') {
      depth += 1;
    } else if (c === ')') {
      depth -= 1;
      if (depth === 0) {
        return i + 1;
      }
    }
  }
  return null;
}

/** The index after the `close` that ends a quoted string or literal opened at `start`; null when unclosed. */
function closing(value: string, start: number, close: string): number | null {
  for (let i = start + 1; i < value.length; i += 1) {
    const c = value[i];
    if (c === '\\') {
      i += 1;
    } else if (c === close) {
      return i + 1;
    } else if (c === '\r' || c === '\n') {
      return null;
    }
  }
  return null;
}

type Read = { readonly address: string; readonly next: number } | null;

function readMailbox(tokens: ReadonlyArray<Token>, start: number): Read {
  const bare = readAddrSpec(tokens, start);
  if (bare !== null && (bare.next >= tokens.length || tokens[bare.next]?.kind === ',')) {
    return bare;
  }
  // name-addr: a phrase of atoms, quoted strings and dots (obs-phrase), then <addr-spec>.
  let i = start;
  while (
    tokens[i]?.kind === 'atom' ||
    tokens[i]?.kind === 'quoted' ||
    (i > start && tokens[i]?.kind === '.')
  ) {
    i += 1;
  }
  if (tokens[i]?.kind !== '<') {
    return null;
  }
  const inner = readAddrSpec(tokens, i + 1);
  if (inner === null || tokens[inner.next]?.kind !== '>') {
    return null;
  }
  return { address: inner.address, next: inner.next + 1 };
}

/** `local@domain` with every token adjacent (no white space or comment inside). */
function readAddrSpec(tokens: ReadonlyArray<Token>, start: number): Read {
  const local = readDotted(tokens, start, true);
  if (local === null || tokens[local.next]?.kind !== '@' || tokens[local.next]?.spaced === true) {
    return null;
  }
  const at = local.next;
  const literal = tokens[at + 1];
  if (literal?.kind === 'literal' && !literal.spaced) {
    return { address: `${local.text}@${literal.text}`, next: at + 2 };
  }
  const domain = readDotted(tokens, at + 1, false);
  if (domain === null || tokens[at + 1]?.spaced === true) {
    return null;
  }
  return { address: `${local.text}@${domain.text}`, next: domain.next };
}

/** A dot-atom (or, for a local part, one quoted string), with no space between its tokens. */
function readDotted(
  tokens: ReadonlyArray<Token>,
  start: number,
  allowQuoted: boolean,
): { readonly text: string; readonly next: number } | null {
  const first = tokens[start];
  if (first === undefined) {
    return null;
  }
  if (first.kind === 'quoted' && allowQuoted) {
    return { text: first.text, next: start + 1 };
  }
  if (first.kind !== 'atom') {
    return null;
  }
  let text = first.text;
  let i = start + 1;
  while (tokens[i]?.kind === '.' && !tokens[i]?.spaced) {
    const next = tokens[i + 1];
    if (next?.kind !== 'atom' || next.spaced) {
      return null;
    }
    text += `.${next.text}`;
    i += 2;
  }
  return { text, next: i };
}
