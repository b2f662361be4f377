/**
 * Measures of a parsed MIME structure that the hard limits (R3) and the body limit need, kept out of the
 * adapter so they can be tested alone.
 */

/**
 * How deeply MIME entities nest (the message itself is 1) in mailparser's part tree (`{ children: [...] }`
 * nodes). mailparser does not publish that tree, so the caller passes its internal `tree` as `unknown`; should a
 * future version drop it, the attachments' part numbers still give a lower bound (they miss nesting that ends
 * in text parts). Iterative, so a deep tree cannot overflow the stack.
 */
export function mimeDepth(tree: unknown, partIds: ReadonlyArray<string | null>): number {
  let depth = Math.max(1, ...partIds.map(partDepth));
  const stack: Array<{ node: unknown; depth: number }> = [{ node: tree, depth: 1 }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    depth = Math.max(depth, entry.depth);
    const children = (entry.node as { children?: unknown } | null | undefined)?.children;
    if (Array.isArray(children)) {
      for (const child of children as unknown[]) {
        stack.push({ node: child, depth: entry.depth + 1 });
      }
    }
  }
  return depth;
}

/** The depth of a part from its IMAP part number: none (the message itself) is 1, `1.2` is 3. */
export function partDepth(partId: string | null): number {
  return partId === null || partId === '' ? 1 : partId.split('.').length + 1;
}

/**
 * `value` cut to at most `maxBytes` of UTF-8 on a character boundary, with its sizes; null when it fits.
 */
export function truncateUtf8(
  value: string,
  maxBytes: number,
): { readonly text: string; readonly bytes: number; readonly keptBytes: number } | null {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short strings need no measuring.
  if (value.length <= maxBytes / 3 || Buffer.byteLength(value) <= maxBytes) {
    return null;
  }
  const bytes = Buffer.from(value, 'utf8');
  let end = maxBytes;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) {
    end -= 1; // never cut inside a UTF-8 sequence
  }
  return { text: bytes.subarray(0, end).toString('utf8'), bytes: bytes.length, keptBytes: end };
}
