// The system's preferred languages, handed from the Electron main process to the window's preload
// as one command-line switch (the window cannot ask the OS itself). Pure: no node:, no electron.

export const SYSTEM_LANGUAGES_SWITCH = '--essaim-system-languages=';
const MAX_LANGUAGES = 10;
/** BCP 47 tags as the OS gives them ("fr-FR", "zh-Hant-TW"); anything else is dropped. */
const TAG = /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,4}$/;

const clean = (tags: readonly unknown[]): string[] =>
  tags.filter((t): t is string => typeof t === 'string' && TAG.test(t)).slice(0, MAX_LANGUAGES);

export function encodeSystemLanguages(tags: readonly string[]): string {
  return `${SYSTEM_LANGUAGES_SWITCH}${clean(tags).join(',')}`;
}

/** Reads the switch back from argv; an absent or garbled switch gives an empty list. */
export function readSystemLanguages(argv: readonly string[]): string[] {
  const arg = argv.find((a) => a.startsWith(SYSTEM_LANGUAGES_SWITCH));
  return arg ? clean(arg.slice(SYSTEM_LANGUAGES_SWITCH.length).split(',')) : [];
}
