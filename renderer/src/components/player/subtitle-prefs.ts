// What the viewer chose for a title's subtitles (track or off, timing offset, text size),
// remembered in this window's storage, per title. Damaged or foreign values read as defaults.
export type SubtitleSize = 'small' | 'medium' | 'large';

export interface SubtitlePrefs {
  /** a track id, 'off', or undefined = let the file's flags decide */
  track?: string;
  offsetSeconds: number;
  size: SubtitleSize;
}

const DEFAULTS: SubtitlePrefs = { offsetSeconds: 0, size: 'medium' };
const key = (itemId: string) => `essaim.subtitles.${itemId}`;

export function readSubtitlePrefs(itemId: string): SubtitlePrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(key(itemId)) ?? '{}') as Record<string, unknown>;
    const offset = Number(raw['offsetSeconds']);
    const size = raw['size'];
    const track = raw['track'];
    return {
      ...(typeof track === 'string' && /^(off|[ef]\d{1,7})$/.test(track) ? { track } : {}),
      offsetSeconds: Number.isFinite(offset) && Math.abs(offset) <= 600 ? offset : 0,
      size: size === 'small' || size === 'large' ? size : 'medium',
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveSubtitlePrefs(itemId: string, prefs: SubtitlePrefs): void {
  try {
    localStorage.setItem(key(itemId), JSON.stringify(prefs));
  } catch {
    // storage full or refused: the choice holds for this playback only
  }
}
