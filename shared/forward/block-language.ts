import { headerLabelsByLanguage } from './header-labels.js';

/** The English labels: Gmail writes them in every UI language, so they tell nothing. */
const englishLabels: ReadonlySet<string> = new Set(Object.values(headerLabelsByLanguage.en ?? {}).flat());

/** Languages whose labels a block's labels belong to, English aside. */
const languagesByLabel: ReadonlyMap<string, ReadonlyArray<string>> = (() => {
  const map = new Map<string, string[]>();
  for (const [language, fields] of Object.entries(headerLabelsByLanguage)) {
    for (const label of Object.values(fields).flat()) {
      if (!englishLabels.has(label)) {
        map.set(label, [...(map.get(label) ?? []), language]);
      }
    }
  }
  return map;
})();

/**
 * How a date line gives its language away where the labels do not (Gmail writes English labels around a date in
 * the UI language): the word before the time ("u 09:12" hr, "v 9:12" cs, "o 09:12" pl) and the weekday names.
 */
const dateSigns: ReadonlyArray<{ readonly language: string; readonly pattern: RegExp }> = [
  { language: 'hr', pattern: /(?:^|\s)u\s\d{1,2}[:.]\d{2}/u },
  {
    language: 'hr',
    pattern: /(?:^|\s)(?:ponedjeljak|utorak|srijeda|četvrtak|petak|nedjelja|uto|sri|čet|ned)(?![\p{L}])/iu,
  },
  { language: 'cs', pattern: /(?:^|\s)v\s\d{1,2}[:.]\d{2}/u },
  { language: 'cs', pattern: /(?:^|\s)(?:pondělí|úterý|středa|čtvrtek|pátek|neděle)(?![\p{L}])/iu },
  { language: 'pl', pattern: /(?:^|\s)o\s\d{1,2}[:.]\d{2}/u },
  {
    language: 'pl',
    pattern: /(?:^|\s)(?:poniedziałek|wtorek|środa|czwartek|piątek|niedziela|wt|śr|czw|pt)(?![\p{L}])/iu,
  },
];

/**
 * The language a forwarded block was written in, from its header labels as written (`šalje`, `poslano`) and the
 * signs in its date line, or null when nothing tells one language apart (a tie, or English labels only). Used where
 * languages disagree: a month name ("listopad" is October in Croatian, November in Czech and Polish).
 */
export function blockLanguage(labels: ReadonlyArray<string>, dateText: string): string | null {
  const votes = new Map<string, number>();
  const vote = (language: string): void => {
    votes.set(language, (votes.get(language) ?? 0) + 1);
  };
  for (const label of labels) {
    for (const language of languagesByLabel.get(label) ?? []) {
      vote(language);
    }
  }
  // A date line is short: these patterns run over at most a few hundred characters.
  const date = dateText.slice(0, 300);
  for (const { language, pattern } of dateSigns) {
    if (pattern.test(date)) {
      vote(language);
    }
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  return first !== undefined && (second === undefined || second[1] < first[1]) ? first[0] : null;
}
