// Names and years read from feed item titles: only the obvious cases, never a guess.
import { describe, expect, it } from 'vitest';
import { readReleaseName } from './release-name.js';

describe('readReleaseName', () => {
  it.each([
    ['Name (1968)', { name: 'Name', year: 1968 }],
    ['Name.1968.1080p', { name: 'Name', year: 1968, label: '1080p' }],
    ['The_General_1926_720p_WEB', { name: 'The General', year: 1926, label: '720p WEB' }],
    ['2001: A Space Odyssey (1968)', { name: '2001: A Space Odyssey', year: 1968 }],
    ['Blade Runner 2049 (2017) [1080p]', { name: 'Blade Runner 2049', year: 2017, label: '1080p' }],
    ['1917', { name: '1917' }],
    ['Film 12345 cut', { name: 'Film 12345 cut' }],
    ['Mr. Smith Goes to Washington', { name: 'Mr. Smith Goes to Washington' }],
    ['Tears of Steel [2012]', { name: 'Tears of Steel', year: 2012 }],
    ['Odd 0999 year', { name: 'Odd 0999 year' }],
    ["Film (Director's Cut)", { name: "Film (Director's Cut)" }],
  ])('%s', (title, expected) => {
    expect(readReleaseName(title)).toEqual(expected);
  });
});
