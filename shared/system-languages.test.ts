// The system-language switch survives the trip from main to preload, and garbage never does.
import { describe, expect, it } from 'vitest';
import { encodeSystemLanguages, readSystemLanguages } from './system-languages.js';

describe('system languages switch', () => {
  it('round-trips the preferred languages', () => {
    const argv = ['/app/electron', '--type=renderer', encodeSystemLanguages(['fr-FR', 'en-US'])];
    expect(readSystemLanguages(argv)).toEqual(['fr-FR', 'en-US']);
  });

  it('drops what is not a language tag and reads nothing when the switch is absent', () => {
    expect(readSystemLanguages([encodeSystemLanguages(['fr', 'x=y', '<script>', ''])])).toEqual([
      'fr',
    ]);
    expect(readSystemLanguages(['--essaim-system-languages=fr,,de;q=1'])).toEqual(['fr']);
    expect(readSystemLanguages(['--lang=fr'])).toEqual([]);
  });
});
