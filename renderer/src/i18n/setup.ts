// i18next with both languages bundled (no network fetch), following the language in settings or,
// until one is picked, the system's (choose-language.ts). English is the fallback for any missing key.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import en from './en.json';
import fr from './fr.json';

export function setupI18n(): void {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: ['en', 'fr'],
    initAsync: false,
    // React renders every string as text, so i18next must not HTML-escape a second time
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export function applyLanguage(language: Language): void {
  if (i18next.language !== language) void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
