// The player's subtitles: which track shows (the viewer's remembered choice, else a track the
// file marks forced or default), its cues as they load, a file the viewer adds, timing and size.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import { assTextFromBytes, isAssFormat, loadAssFile, streamAssText } from './ass-loading';

/** The viewer's own file is listed under this id. */
export const USER_TRACK = 'user';

export interface Subtitles {
  selected: string;
  cues: Cue[];
  /** an ASS/SSA track's text, drawn with its own styling and positions instead of `cues` */
  ass: string | undefined;
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

/** A seek this far past the last cue read (embedded tracks) restarts the reading there. */
const AHEAD_RESTART_SECONDS = 30;

export function useSubtitles(
  video: HTMLVideoElement | null,
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
  const [userFile, setUserFile] = useState<{
    name: string;
    cues: Cue[];
    ass?: string;
    failed: boolean;
  }>();
  const track = tracks?.find((t) => t.id === selected && t.supported && t.url);
  const assTrack = isAssFormat(track?.format);
  const baseKey = track?.url ? `${track.id}|${track.url}` : '';
  // an embedded track is read at download pace from `startAt`: a seek far ahead starts it again
  const [from, setFrom] = useState<{ key: string; at: number }>();
  const startAt = from && from.key === baseKey ? from.at : 0;
  const key = baseKey ? `${baseKey}|${startAt}` : '';
  const [loaded, setLoaded] = useState<{
    key: string;
    cues: Cue[];
    ass?: string;
    failed: boolean;
    done?: boolean;
  }>();
  const reading = useRef({ baseKey, startAt, until: 0, done: false, embedded: false });

  useEffect(() => {
    const until = loaded?.key === key ? (loaded.cues.at(-1)?.end ?? startAt) : startAt;
    const done = loaded?.key === key && loaded.done === true;
    // an ASS track is read whole from the start: the renderer needs all of it, no restarts
    const embedded = track?.source === 'embedded' && !assTrack;
    reading.current = { baseKey, startAt, until, done, embedded };
  });

  useEffect(() => {
    if (!video) return;
    const onSeeking = () => {
      const r = reading.current;
      const at = video.currentTime;
      if (!r.embedded || !r.baseKey) return;
      if (at < r.startAt - 0.5 || (!r.done && at > r.until + AHEAD_RESTART_SECONDS)) {
        setFrom({ key: r.baseKey, at: Math.max(0, Math.floor(at) - 2) });
      }
    };
    video.addEventListener('seeking', onSeeking);
    return () => video.removeEventListener('seeking', onSeeking);
  }, [video]);

  useEffect(() => {
    if (!track?.url || !key) return;
    const aborter = new AbortController();
    const add = (more: Cue[]) =>
      setLoaded((prev) =>
        prev?.key === key
          ? { ...prev, cues: [...prev.cues, ...more] }
          : { key, cues: more, failed: false },
      );
    const showAss = (ass: string) => setLoaded({ key, cues: [], ass, failed: false });
    const loading = assTrack
      ? track.source === 'embedded'
        ? streamAssText(`${track.url}?as=ass`, aborter.signal, showAss)
        : loadAssFile(track.url, aborter.signal).then(showAss)
      : track.source === 'embedded'
        ? streamSubtitleTrack(`${track.url}?ss=${startAt}`, aborter.signal, add).then(() =>
            setLoaded((prev) =>
              prev?.key === key
                ? { ...prev, done: true }
                : { key, cues: [], failed: false, done: true },
            ),
          )
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
        if (isAssFormat(format)) {
          const ass = assTextFromBytes(new Uint8Array(await file.arrayBuffer()));
          const usable = ass.includes('Dialogue:');
          setUserFile({ name: file.name, cues: [], ass, failed: !usable });
          setChoice({ ...(tracks ? { tracks } : {}), id: USER_TRACK });
          return;
        }
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
    ass: isUser ? userFile?.ass : current?.ass,
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
