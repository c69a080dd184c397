// Every coded engine notice, and every reason a save can fail for, has words in both languages.
import { describe, expect, it } from 'vitest';
import { noticeCodeSchema } from '../../../shared/domain';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { noticeKey, saveReasonKey, SAVE_REASONS } from './notice-messages';

describe('notice messages', () => {
  it('has a sentence for every notice code and save reason in English and French', () => {
    for (const [language, table] of Object.entries({ en: en.notices, fr: fr.notices })) {
      const codes = table.codes as Record<string, string>;
      const reasons = table.saveReasons as Record<string, string>;
      for (const code of noticeCodeSchema.options) {
        expect(codes[code], `${language} ${noticeKey(code)}`).toMatch(/\S/);
      }
      for (const reason of SAVE_REASONS) {
        expect(reasons[reason], `${language} save reason ${reason}`).toMatch(/\S/);
      }
    }
  });
  it('reads a cause with no words of its own as "other"', () => {
    expect(saveReasonKey('disk-full')).toBe('notices.saveReasons.disk-full');
    expect(saveReasonKey('network')).toBe('notices.saveReasons.other');
    expect(saveReasonKey(undefined)).toBe('notices.saveReasons.other');
  });
});
