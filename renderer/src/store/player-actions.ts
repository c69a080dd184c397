// Playing films and episodes: opening the player, adding and starting an item, the playhead
// reports and seek-bar prefetch, and leaving. Late answers for a request the user left are dropped.
import type { CommandInput, CommandOutput } from '../../../shared/api';
import type { LibraryItem, TorrentSource } from '../../../shared/domain';
import type { AppError, Result } from '../../../shared/errors';
import { useAppStore, type View } from './app-store';
import { itemDisplayName } from '../lib/item-name';
import { invoke } from './engine-calls';

/** Bumped whenever the player starts or leaves, so late answers for an old request are ignored. */
let playToken = 0;
/** The item whose playback:start is in flight; its session events may arrive before the answer. */
let startingItemId: string | null = null;

/** Whether `itemId` is the item whose playback:start is still waiting for its answer. */
export function isStartingItem(itemId: string): boolean {
  return itemId === startingItemId;
}

function enterPlayer(label: string): number {
  const { view, playback } = useAppStore.getState();
  const old = playback?.session;
  if (old) void invoke('playback:stop', { sessionId: old.sessionId });
  const back: View = view.name === 'player' ? view.back : view;
  playToken += 1;
  useAppStore.setState({
    view: { name: 'player', back },
    playback: { id: playToken, label, session: null, error: null },
    openDialog: false,
  });
  return playToken;
}

function failPlayback(token: number, error: AppError): void {
  if (token !== playToken) return;
  const { playback } = useAppStore.getState();
  if (playback) useAppStore.setState({ playback: { ...playback, error } });
}

export interface PlayRequest {
  source: TorrentSource;
  label: string;
  titleId?: string;
  episodeId?: string;
  /** the file to play inside the torrent, when the catalog names one */
  fileName?: string;
  /** the file to play by its index, when the source gives one (a Stremio stream's fileIdx) */
  fileIndex?: number;
}

/** A title's full details (episodes and all) from its source; errors are answered, not notified. */
export function askDetails(titleId: string): Promise<Result<CommandOutput<'catalog:details'>>> {
  return invoke('catalog:details', { titleId });
}

/** The ways to play a title or an episode, best first, and what could not be played. */
export function askPlayOptions(
  titleId: string,
  episodeId?: string,
): Promise<Result<CommandOutput<'catalog:play-options'>>> {
  return invoke('catalog:play-options', { titleId, ...(episodeId ? { episodeId } : {}) });
}

export async function playSource(request: PlayRequest): Promise<void> {
  const token = enterPlayer(request.label);
  const added = await invoke('library:add', {
    source: request.source,
    ...(request.titleId ? { titleId: request.titleId } : {}),
    ...(request.episodeId ? { episodeId: request.episodeId } : {}),
  });
  if (token !== playToken) return;
  if (!added.ok) return failPlayback(token, added.error);
  const { playback, catalog } = useAppStore.getState();
  // a pasted link has no name of its own: the torrent's name (or its catalog title) is better
  const label = itemDisplayName(added.value, catalog);
  if (playback && label && !request.titleId)
    useAppStore.setState({ playback: { ...playback, label } });
  await startItem(
    token,
    added.value.id,
    pickFile(added.value, request.fileName, request.fileIndex),
  );
}

/**
 * What the user opened (a pasted link, a .torrent file): added first, and the player opens only
 * once that succeeded. A damaged or unplayable input is answered where it was given, as the
 * returned error, never behind a player with nothing to play.
 */
export async function openAndPlay(request: PlayRequest): Promise<AppError | null> {
  const before = playToken;
  const added = await invoke('library:add', { source: request.source });
  if (!added.ok) return added.error;
  // something else started playing meanwhile: the title stays in the library, unplayed
  if (before !== playToken) return null;
  const label = itemDisplayName(added.value, useAppStore.getState().catalog) || request.label;
  const token = enterPlayer(label);
  await startItem(token, added.value.id, pickFile(added.value, request.fileName));
  return null;
}

/** Plays a library item: the file given, else the one last chosen here, else the engine's default. */
export async function playItem(itemId: string, fileIndex?: number): Promise<void> {
  const { library, chosenFiles } = useAppStore.getState();
  const item = library.find((i) => i.id === itemId);
  if (fileIndex !== undefined)
    useAppStore.setState((s) => ({ chosenFiles: { ...s.chosenFiles, [itemId]: fileIndex } }));
  const token = enterPlayer(item ? itemDisplayName(item, useAppStore.getState().catalog) : '');
  await startItem(token, itemId, fileIndex ?? chosenFiles[itemId] ?? item?.fileIndex);
}

/** Removes an item (and its data if asked), leaving the player first when it is the one playing. */
export async function removeItem(itemId: string, deleteData: boolean): Promise<Result<null>> {
  const { playback } = useAppStore.getState();
  if (playback && (playback.session?.itemId === itemId || startingItemId === itemId))
    await leavePlayer();
  const result = await invoke('library:remove', { itemId, deleteData });
  // already gone (removed from another window, say) is what the user asked for
  if (!result.ok && result.error.code !== 'not-found') return result;
  // the engine's library event follows; until then the item must not linger on screen
  useAppStore.setState((s) => {
    const { [itemId]: _dropped, ...chosenFiles } = s.chosenFiles;
    const showing = s.view.name === 'item' && s.view.itemId === itemId;
    return {
      library: s.library.filter((i) => i.id !== itemId),
      chosenFiles,
      view: showing ? { name: 'home' } : s.view,
      removeItemId: null,
    };
  });
  return { ok: true, value: null };
}

function pickFile(
  item: LibraryItem,
  fileName: string | undefined,
  fileIndex?: number,
): number | undefined {
  // a magnet's file list comes later: the engine checks the index once it knows the files
  const indexFits = item.files.length === 0 || item.files.some((f) => f.index === fileIndex);
  if (fileIndex !== undefined && indexFits) return fileIndex;
  if (!fileName) return item.fileIndex;
  const match = item.files.find((f) => f.path === fileName || f.path.endsWith(`/${fileName}`));
  return match?.index ?? item.fileIndex;
}

async function startItem(
  token: number,
  itemId: string,
  fileIndex: number | undefined,
): Promise<void> {
  startingItemId = itemId;
  const started = await invoke('playback:start', {
    itemId,
    ...(fileIndex !== undefined ? { fileIndex } : {}),
  });
  if (token !== playToken) {
    // the user left before the engine answered: do not leave a stream running
    if (started.ok) void invoke('playback:stop', { sessionId: started.value.sessionId });
    return;
  }
  startingItemId = null;
  if (!started.ok) return failPlayback(token, started.error);
  const { playback } = useAppStore.getState();
  if (!playback) return;
  // a session event may already have brought a later phase than the answer itself
  const current =
    playback.session?.sessionId === started.value.sessionId ? playback.session : started.value;
  useAppStore.setState({ playback: { ...playback, session: current } });
}

export interface Playhead {
  positionSeconds: number;
  durationSeconds?: number;
}

export function reportProgress(sessionId: string, playhead: Playhead): void {
  // best effort: a lost report is replaced by the next one two seconds later
  void invoke('playback:progress', { sessionId, ...playhead });
}

/** Hover prefetch, throttled: a new request only when the pointer rests elsewhere for a moment. */
const PREFETCH_EVERY_MS = 300;
const PREFETCH_MIN_MOVE_SECONDS = 2;
let lastPrefetch = { at: 0, seconds: Number.NaN };

export function prefetchAt(sessionId: string, positionSeconds: number): void {
  const now = Date.now();
  if (now - lastPrefetch.at < PREFETCH_EVERY_MS) return;
  if (Math.abs(positionSeconds - lastPrefetch.seconds) < PREFETCH_MIN_MOVE_SECONDS) return;
  lastPrefetch = { at: now, seconds: positionSeconds };
  // best effort: a hint, never an error the user needs to see
  void invoke('playback:prefetch', { sessionId, positionSeconds });
}

export async function leavePlayer(playhead?: Playhead): Promise<void> {
  const { view, playback } = useAppStore.getState();
  playToken += 1;
  startingItemId = null;
  useAppStore.setState({ view: view.name === 'player' ? view.back : view, playback: null });
  const session = playback?.session;
  if (!session) return;
  if (playhead) await invoke('playback:progress', { sessionId: session.sessionId, ...playhead });
  await invoke('playback:stop', { sessionId: session.sessionId });
}

/** How to play the session's file in this window (as is, or converted), with its tracks. */
export function askMediaPlan(
  input: CommandInput<'playback:media'>,
): Promise<Result<CommandOutput<'playback:media'>>> {
  return invoke('playback:media', input);
}
