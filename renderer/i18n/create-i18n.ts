import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ja from './ja.json';

export const windowLanguages = ['en', 'ja'] as const;
export type WindowLanguage = (typeof windowLanguages)[number];

/** The operating system's language as the browser reports it, narrowed to the two the window speaks. */
export function pickLanguage(preferred: ReadonlyArray<string>): WindowLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') {
      return base;
    }
  }
  return 'en';
}

/** One i18next instance for the window; every string lives in en.json and ja.json. */
export async function createI18n(language: WindowLanguage): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: { en: { translation: en }, ja: { translation: ja } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
