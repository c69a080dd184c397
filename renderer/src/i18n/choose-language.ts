// Which language the window speaks: the one the user picked, else the first of the system's
// preferred languages that the app has, else English.
import type { Language, LanguageSetting } from '../../../shared/domain';

const SUPPORTED: readonly Language[] = ['en', 'fr'];

const isSupported = (code: string): code is Language =>
  (SUPPORTED as readonly string[]).includes(code);

/** The first supported language of a preference list: "fr-CA" gives fr, "de" alone gives none. */
export function preferredLanguage(tags: readonly string[]): Language | undefined {
  for (const tag of tags) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isSupported(base)) return base;
  }
  return undefined;
}

export function chooseLanguage(
  setting: LanguageSetting | undefined,
  systemLanguages: readonly string[],
): Language {
  if (setting !== undefined && setting !== 'system') return setting;
  return preferredLanguage(systemLanguages) ?? 'en';
}
