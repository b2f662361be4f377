import { headerFieldByLabel, type HeaderField } from './header-labels.js';
import { foldLabel } from './read-header-block.js';

/**
 * Yahoo Mail writes the whole forwarded header on the separator line with no line breaks:
 * `----- Forwarded Message ----- From: Ann <a@x>To: b@y Cc: …Sent: Tuesday, … GMT+1Subject: Offer`.
 * Labels are found where a known label and a colon follow the end of the previous value (an address's `>`, a
 * digit, a zone abbreviation). Some locales drop the colon after a label ("Dw Walter", "Assunto Offer"); without
 * a colon a label is only taken right after `>` or an upper-case zone abbreviation.
 */
export function unglueHeaderLine(text: string): Array<{ field: HeaderField; value: string }> {
  const cuts: Array<{ at: number; length: number; field: HeaderField }> = [];
  for (const match of text.matchAll(labelPattern)) {
    const label = foldLabel(match[1] ?? match[2] ?? '');
    const field = headerFieldByLabel.get(label);
    if (field === undefined || match.index === undefined) {
      continue;
    }
    if (cuts.some((cut) => cut.field === field)) {
      continue;
    }
    cuts.push({ at: match.index, length: match[0].length, field });
  }
  return cuts.map((cut, i) => {
    const end = cuts[i + 1]?.at ?? text.length;
    return { field: cut.field, value: text.slice(cut.at + cut.length, end).trim() };
  });
}

const labelPattern = buildLabelPattern();

function buildLabelPattern(): RegExp {
  const labels = [...headerFieldByLabel.keys()].sort((a, b) => b.length - a.length);
  const forms = labels.flatMap((label) => [
    label,
    label.toUpperCase(),
    label.charAt(0).toUpperCase() + label.slice(1),
    label.replace(/^i/, 'İ'),
  ]);
  const alternatives = [...new Set(forms)].map(escapeRegExp).join('|');
  const withColon = String.raw`(?<![\p{Ll}])(${alternatives})\s*[:：]\s*`;
  const withoutColon = String.raw`(?<=>|\p{Lu}{2})(${alternatives})\s+(?=[\p{Lu}"'<])`;
  return new RegExp(`${withColon}|${withoutColon}`, 'gu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
