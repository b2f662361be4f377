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
  hr: [['siječ', 'sij'], ['velj'], ['ožuj', 'ožu'], ['trav'], ['svib'], ['lipanj', 'lipnja'], ['srp'], ['kolov', 'kol'], ['ruj'], ['listopad'], ['studen', 'stu'], ['prosin', 'pro']],
  hu: [['jan'], ['febr'], ['márc'], ['ápr'], ['máj'], ['jún'], ['júl'], ['aug'], ['szept'], ['okt'], ['nov'], ['dec']],
  ro: [['ian'], ['feb'], ['mar'], ['apr'], ['mai'], ['iun'], ['iul'], ['aug'], ['sep'], ['oct'], ['noi'], ['dec']],
  tr: [['oca'], ['şub'], ['mar'], ['nis'], ['may'], ['haz'], ['tem'], ['ağu'], ['eyl'], ['eki'], ['kas'], ['ara']],
  ru: [['янв'], ['фев'], ['мар'], ['апр'], ['мая', 'май'], ['июн'], ['июл'], ['авг'], ['сен'], ['окт'], ['ноя'], ['дек']],
  uk: [['січ'], ['лют'], ['бер'], ['квіт'], ['трав'], ['черв'], ['лип'], ['серп'], ['верес'], ['жовт'], ['листоп'], ['груд']],
};

type StemEntry = { readonly stem: string; readonly month: number };

/** Every stem, longest first, so "červenec" wins over "červen" and "listopad" (Czech November) over "lis". */
const stems: ReadonlyArray<StemEntry> = Object.values(monthStemsByLanguage)
  .flatMap((months) => months.flatMap((forms, month) => forms.map((stem) => ({ stem, month }))))
  .sort((a, b) => b.stem.length - a.stem.length);

/**
 * The month (0–11) a word names in any supported language, or null. Where languages disagree on a stem the
 * first language listed wins: "listopad" is read as November (Czech, Polish), so a Croatian October
 * ("listopad") is misread; a known gap.
 */
export function monthOfWord(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) {
    return null;
  }
  for (const { stem, month } of stems) {
    if (w.startsWith(stem)) {
      return month;
    }
  }
  return null;
}
