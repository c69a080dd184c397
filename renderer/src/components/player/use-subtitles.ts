// The player's subtitles: which track shows (the viewer's remembered choice, else a track the
// file marks forced or default), its cues as they load, a file the viewer adds, timing and size.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SubtitleTrack } from '../../../../shared/media';
import type { Cue } from '../../../../shared/subtitles/subtitle-cues';
import {
  MAX_SUBTITLE_FILE_BYTES,
  cuesFromBytes,
  loadSubtitleFile,
  streamSubtitleTrack,
} from './subtitle-loading';
import {
  readSubtitlePrefs,
  saveSubtitlePrefs,
  type SubtitlePrefs,
  type SubtitleSize,
} from './subtitle-prefs';

/** The viewer's own file is listed under this id. */
export const USER_TRACK = 'user';

export interface Subtitles {
  selected: string;
  cues: Cue[];
  failed: boolean;
  userFileName: string | undefined;
  offsetSeconds: number;
  size: SubtitleSize;
  select(id: string): void;
  addFile(file: File): Promise<void>;
  setOffset(seconds: number): void;
  setSize(size: SubtitleSize): void;
}

function initialTrack(tracks: SubtitleTrack[], prefs: SubtitlePrefs): string {
  const usable = tracks.filter((t) => t.supported);
  if (prefs.track === 'off') return 'off';
  if (prefs.track && usable.some((t) => t.id === prefs.track)) return prefs.track;
  return (usable.find((t) => t.forced) ?? usable.find((t) => t.default))?.id ?? 'off';
}

export function useSubtitles(
  itemId: string | undefined,
  tracks: SubtitleTrack[] | undefined,
): Subtitles {
  const stored = useMemo<SubtitlePrefs>(
    () => (itemId ? readSubtitlePrefs(itemId) : { offsetSeconds: 0, size: 'medium' }),
    [itemId],
  );
  // each piece of state names what it belongs to, so a new title or track list starts afresh
  const [changed, setChanged] = useState<{ itemId?: string; prefs: SubtitlePrefs }>();
  const prefs = changed && changed.itemId === itemId ? changed.prefs : stored;
  const [choice, setChoice] = useState<{ tracks?: SubtitleTrack[]; id: string }>();
  const selected =
    choice && choice.tracks === tracks ? choice.id : tracks ? initialTrack(tracks, stored) : 'off';
  const [userFile, setUserFile] = useState<{ name: string; cues: Cue[]; failed: boolean }>();
  const track = tracks?.find((t) => t.id === selected && t.supported && t.url);
  const key = track?.url ? `${track.id}|${track.url}` : '';
  const [loaded, setLoaded] = useState<{ key: string; cues: Cue[]; failed: boolean }>();

  useEffect(() => {
    if (!track?.url || !key) return;
    const aborter = new AbortController();
    const add = (more: Cue[]) =>
      setLoaded((prev) =>
        prev?.key === key
          ? { ...prev, cues: [...prev.cues, ...more] }
          : { key, cues: more, failed: false },
      );
    const loading =
      track.source === 'embedded'
        ? streamSubtitleTrack(track.url, aborter.signal, add)
        : loadSubtitleFile(track.url, track.format, aborter.signal).then((cues) =>
            setLoaded({ key, cues, failed: false }),
          );
    loading.catch(() => {
      if (!aborter.signal.aborted) setLoaded({ key, cues: [], failed: true });
    });
    return () => aborter.abort();
    // the key names the track and its address: nothing else restarts the load
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const remember = useCallback(
    (patch: Partial<SubtitlePrefs>) => {
      const next = { ...prefs, ...patch };
      if (itemId) saveSubtitlePrefs(itemId, next);
      setChanged({ ...(itemId ? { itemId } : {}), prefs: next });
    },
    [itemId, prefs],
  );

  const select = useCallback(
    (id: string) => {
      setChoice({ ...(tracks ? { tracks } : {}), id });
      if (id !== USER_TRACK) remember({ track: id });
    },
    [remember, tracks],
  );

  const addFile = useCallback(
    async (file: File) => {
      if (file.size > MAX_SUBTITLE_FILE_BYTES) {
        setUserFile({ name: file.name, cues: [], failed: true });
      } else {
        const format = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
        const read = cuesFromBytes(new Uint8Array(await file.arrayBuffer()), format);
        setUserFile({ name: file.name, cues: read, failed: read.length === 0 });
      }
      setChoice({ ...(tracks ? { tracks } : {}), id: USER_TRACK });
    },
    [tracks],
  );

  const current = loaded && loaded.key === key ? loaded : undefined;
  const isUser = selected === USER_TRACK;
  return {
    selected,
    cues: isUser ? (userFile?.cues ?? []) : (current?.cues ?? []),
    failed: isUser ? (userFile?.failed ?? false) : (current?.failed ?? false),
    userFileName: userFile?.name,
    offsetSeconds: prefs.offsetSeconds,
    size: prefs.size,
    select,
    addFile,
    setOffset: (seconds) => remember({ offsetSeconds: Math.round(seconds * 10) / 10 }),
    setSize: (size) => remember({ size }),
  };
}
