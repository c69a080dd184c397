// Every engine error code has plain words in both languages, and the detail line never repeats.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { errorDetail, errorKey } from './error-messages';

describe('errorKey', () => {
  it('maps each code to its own key', () => {
    expect(errorKey('disk-full')).toBe('errors.disk-full');
    expect(errorKey('network')).toBe('errors.network');
  });
  it('reads an unknown code as an internal error', () => {
    expect(errorKey('something-new')).toBe('errors.internal');
  });
  it('has a sentence for every code in English and French', () => {
    const tables: Record<string, Record<string, string>> = { en: en.errors, fr: fr.errors };
    for (const code of ERROR_CODES) {
      for (const [language, table] of Object.entries(tables)) {
        expect(table[code], `${language} errors.${code}`).toMatch(/\S/);
      }
    }
  });
});

describe('errorDetail', () => {
  it('keeps the engine message as the detail', () => {
    expect(errorDetail({ code: 'network', message: ' Timed out. ' }, 'Network problem.')).toBe(
      'Timed out.',
    );
  });
  it('drops an empty or repeated message', () => {
    expect(errorDetail({ code: 'network', message: '' }, 'Network problem.')).toBeNull();
    expect(errorDetail({ code: 'internal', message: 'Same.' }, 'Same.')).toBeNull();
  });
});
