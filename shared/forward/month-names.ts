/**
 * Month names as mail clients write them in forwarded headers, per language, as data: each entry lists the
 * beginnings ("stems") that identify one month in that language, nominative and genitive forms and common
 * abbreviations included ("október", "októbra", "okt.", "października", "paź"). Index 0 is January.
 */
// prettier-ignore
export const monthStemsByLanguage: { readonly [language: string]: ReadonlyArray<ReadonlyArray<string>> } = {
  en: [['jan'], ['feb'], ['mar'], ['apr'], ['may'], ['jun'], ['jul'], ['aug'], ['sep'], ['oct'], ['nov'], ['dec']],
  de: [['jän', 'jan'], ['feb'], ['mär', 'mrz'], ['apr'], ['mai'], ['jun'], ['jul'], ['aug'], ['sep'], ['okt'], ['nov'], ['dez']],
  fr: [['janv'], ['févr', 'fevr'], ['mars'], ['avr'], ['mai'], ['juin'], ['juil'], ['août', 'aout'], ['sept'], ['oct'], ['nov'], ['déc', 'dec']],
  es: [['ene'], ['feb'], ['mar'], ['abr'], ['may'], ['jun'], ['jul'], ['ago'], ['sep', 'set'], ['oct'], ['nov'], ['dic']],
  it: [['gen'], ['feb'], ['mar'], ['apr'], ['mag'], ['giu'], ['lug'], ['ago'], ['set'], ['ott'], ['nov'], ['dic']],
  pt: [['jan'], ['fev'], ['mar'], ['abr'], ['mai'], ['jun'], ['jul'], ['ago'], ['set'], ['out'], ['nov'], ['dez']],
  nl: [['jan'], ['feb'], ['maa', 'mrt'], ['apr'], ['mei'], ['jun'], ['jul'], ['aug'], ['sep'], ['okt'], ['nov'], ['dec']],
  nordic: [['jan'], ['feb'], ['mar'], ['apr'], ['maj', 'mai'], ['jun'], ['jul'], ['aug'], ['sep'], ['okt'], ['nov'], ['dec', 'des']],
  fi: [['tammi'], ['helmi'], ['maalis'], ['huhti'], ['touko'], ['kesä'], ['heinä'], ['elo'], ['syys'], ['loka'], ['marras'], ['joulu']],
  et: [['jaan'], ['veebr'], ['märts'], ['apr'], ['mai'], ['juuni'], ['juuli'], ['aug'], ['sept'], ['okt'], ['nov'], ['dets']],
  pl: [['sty'], ['lut'], ['mar'], ['kwi'], ['maj'], ['cze'], ['lip'], ['sie'], ['wrz'], ['paź', 'paz'], ['lis'], ['gru']],
  cs: [['led'], ['únor', 'úno'], ['břez', 'bře'], ['dub'], ['květ', 'kvě'], ['červen', 'červn'], ['červenec', 'července', 'čvc'], ['srp'], ['září', 'zář'], ['říj'], ['listopad'], ['prosin', 'pro']],
  sk: [['januá', 'jan'], ['februá', 'feb'], ['mar'], ['apríl', 'apr'], ['máj'], ['jún'], ['júl'], ['aug'], ['sept'], ['októb', 'okt'], ['novemb'], ['decemb']],
  hr: [['siječ', 'sij'], ['velj'], ['ožuj', 'ožu'], ['trav', 'tra'], ['svib', 'svi'], ['lipanj', 'lipnja', 'lip'], ['srp'], ['kolov', 'kol'], ['ruj'], ['listopad', 'lis'], ['studen', 'stu'], ['prosin', 'pro']],
  hu: [['jan'], ['febr'], ['márc'], ['ápr'], ['máj'], ['jún'], ['júl'], ['aug'], ['szept'], ['okt'], ['nov'], ['dec']],
  ro: [['ian'], ['feb'], ['mar'], ['apr'], ['mai'], ['iun'], ['iul'], ['aug'], ['sep'], ['oct'], ['noi'], ['dec']],
  tr: [['oca'], ['şub'], ['mar'], ['nis'], ['may'], ['haz'], ['tem'], ['ağu'], ['eyl'], ['eki'], ['kas'], ['ara']],
  ru: [['янв'], ['фев'], ['мар'], ['апр'], ['мая', 'май'], ['июн'], ['июл'], ['авг'], ['сен'], ['окт'], ['ноя'], ['дек']],
  uk: [['січ'], ['лют'], ['бер'], ['квіт'], ['трав'], ['черв'], ['лип'], ['серп'], ['верес'], ['жовт'], ['листоп'], ['груд']],
};

type StemEntry = { readonly stem: string; readonly month: number };

const byLength = (a: StemEntry, b: StemEntry): number => b.stem.length - a.stem.length;

const stemsOf = (months: ReadonlyArray<ReadonlyArray<string>>): StemEntry[] =>
  months.flatMap((forms, month) => forms.map((stem) => ({ stem, month })));

/** Every stem, longest first, so "červenec" wins over "červen" and "listopad" (Czech November) over "lis". */
const stems: ReadonlyArray<StemEntry> = Object.values(monthStemsByLanguage).flatMap(stemsOf).sort(byLength);

/** One language's stems, longest first. */
const stemsByLanguage: ReadonlyMap<string, ReadonlyArray<StemEntry>> = new Map(
  Object.entries(monthStemsByLanguage).map(([language, months]) => [
    language,
    stemsOf(months).sort(byLength),
  ]),
);

/**
 * The month (0–11) a word names, or null. The block's language, when known, is asked first: languages disagree on
 * some stems — "listopad" is October in Croatian and November in Czech and Polish, "srpanj" (hr) is July where
 * "srpen" (cs) is August, "lip" is June (hr) or July (pl). Without a language the first language listed wins
 * (Czech and Polish before Croatian).
 */
export function monthOfWord(word: string, language: string | null = null): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) {
    return null;
  }
  const preferred = language === null ? undefined : stemsByLanguage.get(language);
  for (const list of preferred === undefined ? [stems] : [preferred, stems]) {
    for (const { stem, month } of list) {
      if (w.startsWith(stem)) {
        return month;
      }
    }
  }
  return null;
}
