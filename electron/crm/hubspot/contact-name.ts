/**
 * B4: a created contact's first and last name from its display name. HubSpot has no single "name" field for
 * contacts, only `firstname` and `lastname`, so the split decides how the record reads.
 *
 * - Japanese, Chinese and Korean names are written family name first: `山田 太郎` → lastname `山田`,
 *   firstname `太郎` (B4 "Japanese names keep family-name-first order").
 * - Such a name with no space (`山田太郎`) cannot be split reliably (family names are one to three characters),
 *   so all of it goes into `lastname`: the record then reads as the full name, family name first, in HubSpot's
 *   Japanese display order (lastname firstname).
 * - `Martin, Bob` is family name first by its comma.
 * - Otherwise given names first: `Bob Martin` → Bob / Martin; `Mary Ann Smith` → `Mary Ann` / `Smith`;
 *   a single word is a first name.
 */
export type ContactName = { readonly firstname: string; readonly lastname: string };

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Whether a name is written in a script whose names put the family name first. */
export function isFamilyNameFirst(name: string): boolean {
  return cjk.test(name);
}

export function splitContactName(displayName: string): ContactName {
  const name = displayName
    .normalize('NFC')
    .replace(/^["'\s]+|["'\s]+$/gu, '')
    .replace(/[\s\u3000]+/gu, ' ')
    .trim();
  if (name === '') {
    return { firstname: '', lastname: '' };
  }
  const comma = name.indexOf(',');
  if (comma > 0 && !isFamilyNameFirst(name)) {
    return { lastname: name.slice(0, comma).trim(), firstname: name.slice(comma + 1).trim() };
  }
  const words = name.split(' ');
  if (isFamilyNameFirst(name)) {
    const [family = '', ...given] = words;
    return { lastname: family, firstname: given.join(' ') };
  }
  if (words.length === 1) {
    return { firstname: name, lastname: '' };
  }
  return { firstname: words.slice(0, -1).join(' '), lastname: words[words.length - 1] ?? '' };
}

/** The display name of a HubSpot contact read back, in its script's order (the inverse of `splitContactName`). */
export function joinContactName(name: {
  readonly firstname?: string | null;
  readonly lastname?: string | null;
}): string {
  const first = (name.firstname ?? '').trim();
  const last = (name.lastname ?? '').trim();
  const parts = isFamilyNameFirst(`${first}${last}`) ? [last, first] : [first, last];
  return parts.filter((p) => p !== '').join(' ');
}
