import i18next, { type TFunction } from 'i18next';
import en from './en.json';
import ja from './ja.json';

export type Translate = TFunction;

/** Office gives `ja-JP`, `en-US`…: Japanese for any ja locale, English otherwise (docs/addin.md). */
export function pickLanguage(displayLanguage: string): 'en' | 'ja' {
  return displayLanguage.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The add-in's strings in the Office display language; a missing key falls back to English. */
export async function createTranslator(displayLanguage: string): Promise<Translate> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: pickLanguage(displayLanguage),
    fallbackLng: 'en',
    resources: { en: { translation: en }, ja: { translation: ja } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance.t;
}
