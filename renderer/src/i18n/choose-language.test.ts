// The window follows the system's languages until the user picks one.
import { describe, expect, it } from 'vitest';
import { chooseLanguage, preferredLanguage } from './choose-language';

describe('chooseLanguage', () => {
  it('follows the system: a regional French is French, an unknown language falls back to English', () => {
    expect(chooseLanguage('system', ['fr-CA'])).toBe('fr');
    expect(chooseLanguage('system', ['fr_FR'])).toBe('fr');
    expect(chooseLanguage(undefined, ['FR'])).toBe('fr');
    expect(chooseLanguage('system', ['de'])).toBe('en');
    expect(chooseLanguage('system', [])).toBe('en');
  });

  it('takes the first language of the list the app has', () => {
    expect(chooseLanguage('system', ['de-DE', 'fr-BE', 'en-US'])).toBe('fr');
    expect(chooseLanguage('system', ['en-GB', 'fr-FR'])).toBe('en');
    expect(preferredLanguage(['de', 'it'])).toBeUndefined();
  });

  it('keeps the language the user picked, whatever the system says', () => {
    expect(chooseLanguage('en', ['fr-FR'])).toBe('en');
    expect(chooseLanguage('fr', ['en-US'])).toBe('fr');
  });
});
