// Every reason a way to play can be left out has words in both languages, singular and plural.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { leftOutReasonSchema } from '../../../shared/domain';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { leftOutLines } from './left-out-text';

describe('left-out text', () => {
  it('says every reason in English and French, with the count', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { en: { translation: en }, fr: { translation: fr } },
      lng: 'fr',
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
    for (const language of ['en', 'fr']) {
      await i18n.changeLanguage(language);
      for (const reason of leftOutReasonSchema.options) {
        for (const count of [1, 3]) {
          const [line] = leftOutLines({ ignored: [], leftOut: [{ reason, count }] }, i18n.t);
          expect(line, `${language} ${reason} ${count}`).toMatch(new RegExp(`^${count} \\S`));
          expect(line).not.toContain('details.leftOut');
        }
      }
    }
    await i18n.changeLanguage('fr');
    expect(
      leftOutLines({ ignored: [], leftOut: [{ reason: 'youtube', count: 2 }] }, i18n.t),
    ).toEqual(['2 vidéos YouTube ont été écartées.']);
  });

  it("falls back to the engine's own lines when it did not count by reason", () => {
    expect(leftOutLines({ ignored: ['Something odd was left out.'] }, i18next.t)).toEqual([
      'Something odd was left out.',
    ]);
  });
});
