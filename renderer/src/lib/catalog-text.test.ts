// Catalog text follows the window's language field by field, and falls back to the entry's own.
import { describe, expect, it } from 'vitest';
import { catalogText } from './catalog-text';

const title = {
  name: 'Caminandes',
  synopsis: 'Koro, a stubborn llama.',
  translations: { fr: { synopsis: 'Koro, un lama têtu.' }, es: { name: 'Caminandes ES' } },
};

describe('catalogText', () => {
  it('takes the translation for the language, each field falling back on its own', () => {
    expect(catalogText(title, 'fr')).toEqual({
      name: 'Caminandes',
      synopsis: 'Koro, un lama têtu.',
    });
    expect(catalogText(title, 'fr-CA').synopsis).toBe('Koro, un lama têtu.');
    expect(catalogText(title, 'es')).toEqual({
      name: 'Caminandes ES',
      synopsis: 'Koro, a stubborn llama.',
    });
  });

  it('keeps the entry as written when there is no translation', () => {
    expect(catalogText(title, 'en')).toEqual({
      name: 'Caminandes',
      synopsis: 'Koro, a stubborn llama.',
    });
    expect(catalogText({ name: 'Sintel' }, 'fr')).toEqual({ name: 'Sintel' });
    expect(catalogText({ name: 'Sintel', translations: {} }, 'constructor')).toEqual({
      name: 'Sintel',
    });
  });
});
