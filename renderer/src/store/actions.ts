// Everything the window asks of the engine, through the one bridge: loading the snapshot,
// adding, playing and removing, reporting the playhead, saving settings. Failures become notices.
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/api';
import type { Bridge } from '../../../shared/bridge';
import type { ChannelGuide, LibraryItem, Settings, TorrentSource } from '../../../shared/domain';
import type { AppError, Result } from '../../../shared/errors';
import { applyLibraryChanges } from '../../../shared/library-changes';
import type { ConnectedBridge } from '../bridge/select-bridge';
import type { ConnectionState } from '../bridge/websocket-bridge';
import { pushEngineNotice, pushErrorNotice, useAppStore, type View } from './app-store';
import { itemDisplayName } from '../lib/item-name';
import { reloadCatalog } from './source-actions';

let bridge: Bridge | null = null;
/** Bumped whenever the player starts or leaves, so late answers for an old request are ignored. */
let playToken = 0;
/** The item whose playback:start is in flight; its session events may arrive before the answer. */
let startingItemId: string | null = null;

export function invoke<K extends CommandName>(
  name: K,
  input: CommandInput<K>,
): Promise<Result<CommandOutput<K>>> {
  if (!bridge) return Promise.resolve({ ok: false, error: { code: 'network', message: '' } });
  return bridge.invoke(name, input);
}

async function invokeOrNotify<K extends CommandName>(
  name: K,
  input: CommandInput<K>,
): Promise<CommandOutput<K> | null> {
  const result = await invoke(name, input);
  if (result.ok) return result.value;
  pushErrorNotice(result.error);
  return null;
}

export function connectStore(connected: ConnectedBridge): void {
  bridge = connected.bridge;
  const b = connected.bridge;
  b.on('stats', (list) =>
    useAppStore.setState({ stats: Object.fromEntries(list.map((s) => [s.itemId, s])) }),
  );
  // changes only (a season pack's 10,000 files are not sent again when a figure moves); the
  // snapshot fetched on every (re)connect is what they apply to
  b.on('library', (changes) =>
    useAppStore.setState((s) => ({ library: applyLibraryChanges(s.library, changes) })),
  );
  b.on('notice', pushEngineNotice);
  b.on('marks', (marks) => useAppStore.setState({ marks }));
  // a source was added, refreshed or removed: the shelf is asked again
  b.on('catalog', () => void reloadCatalog());
  b.on('sources', (sources) => useAppStore.setState({ sources }));
  b.on('session', (session) => {
    const { playback } = useAppStore.getState();
    if (!playback) return;
    const mine = playback.session
      ? playback.session.sessionId === session.sessionId
      : session.itemId === startingItemId;
    if (mine) useAppStore.setState({ playback: { ...playback, session } });
  });
  b.on('live-status', (status) => {
    const { live } = useAppStore.getState();
    if (live?.session?.sessionId === status.sessionId)
      useAppStore.setState({ live: { ...live, status } });
  });
  b.on('open-channel', ({ link }) => void openChannel(link, ''));
  b.on('open-item', ({ itemId, autoplay }) => {
    if (autoplay) void playItem(itemId);
    // not playing: show the library, where the new item now sits
    else if (useAppStore.getState().view.name !== 'player')
      useAppStore.setState({ view: { name: 'home' }, homeTab: 'titles' });
  });
  const onState = (state: ConnectionState) => {
    useAppStore.setState({ connection: state });
    // events missed while away are not replayed, so a fresh snapshot is fetched on every (re)connect
    if (state === 'open') void loadSnapshot();
    if (state === 'open' && !startupNoticesShown) void showStartupNotices();
  };
  connected.onConnectionChange(onState);
  onState(connected.connectionState());
}

/** Once per page: what the engine had to say before this window connected (a recovered library). */
let startupNoticesShown = false;

async function showStartupNotices(): Promise<void> {
  startupNoticesShown = true;
  const notices = await invokeOrNotify('notices:startup', {});
  for (const notice of notices ?? []) pushEngineNotice(notice);
}

async function loadSnapshot(): Promise<void> {
  // the library is set the moment it arrives, not with the (maybe slow) catalog: library events
  // that follow its answer are changes to it, and must not be overwritten by an older list
  const library = invokeOrNotify('library:list', {}).then((list) => {
    if (list) useAppStore.setState({ library: list });
  });
  const [catalog, settings, marks] = await Promise.all([
    invokeOrNotify('catalog:get', {}),
    invokeOrNotify('settings:get', {}),
    invokeOrNotify('marks:get', {}),
  ]);
  useAppStore.setState((s) => ({
    catalog: catalog ?? s.catalog,
    settings: settings ?? s.settings,
    marks: marks ?? s.marks,
  }));
  await library;
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

export async function saveSettings(patch: Partial<Settings>): Promise<Result<Settings>> {
  const result = await invoke('settings:update', patch);
  if (result.ok) useAppStore.setState({ settings: result.value });
  return result;
}

/** How to play the session's file in this window (as is, or converted), with its tracks. */
export function askMediaPlan(
  input: CommandInput<'playback:media'>,
): Promise<Result<CommandOutput<'playback:media'>>> {
  return invoke('playback:media', input);
}

let liveToken = 0;

/** Starts watching a live channel; the live view shows at once and fills in when the engine answers. */
export function openChannel(link: string, label: string): Promise<void> {
  return openLive(label, false, () => invoke('live:open', { link }));
}

/** Starts watching a direct channel of the user's lists, relayed by the engine. */
export function openDirectChannel(channelId: string, label: string): Promise<void> {
  return openLive(label, true, () => invoke('channels:open', { channelId }));
}

async function openLive(
  label: string,
  direct: boolean,
  start: () => Promise<Result<CommandOutput<'live:open'>>>,
): Promise<void> {
  const { view, live } = useAppStore.getState();
  if (live?.session) void invoke('live:stop', { sessionId: live.session.sessionId });
  const back: View = view.name === 'live' || view.name === 'player' ? view.back : view;
  const token = ++liveToken;
  useAppStore.setState({
    view: { name: 'live', back },
    live: { id: token, label, session: null, status: null, error: null, direct },
    openDialog: false,
  });
  const result = await start();
  const current = useAppStore.getState().live;
  if (token !== liveToken || !current) {
    if (result.ok) void invoke('live:stop', { sessionId: result.value.sessionId });
    return;
  }
  useAppStore.setState({
    live: result.ok
      ? { ...current, session: result.value, label: current.label || result.value.name }
      : { ...current, error: result.error },
  });
}

export function leaveLive(): void {
  const { live, view } = useAppStore.getState();
  liveToken++;
  if (live?.session) void invoke('live:stop', { sessionId: live.session.sessionId });
  useAppStore.setState({ live: null, view: view.name === 'live' ? view.back : view });
}

/** What is on each direct channel now and next; an unanswered question gives nothing. */
export async function askGuide(channelIds: string[]): Promise<ChannelGuide[]> {
  if (channelIds.length === 0) return [];
  const result = await invoke('channels:guide', { channelIds });
  return result.ok ? result.value : [];
}

/** Whether each channel is on air now; an unanswered question counts as "not known". */
export async function probeChannels(
  links: string[],
): Promise<Record<string, 'on-air' | 'off-air'>> {
  const result = await invoke('live:probe', { links });
  if (!result.ok) return {};
  return Object.fromEntries(
    result.value
      .filter((r) => r.state !== 'connecting')
      .map((r) => [r.link, r.state as 'on-air' | 'off-air']),
  );
}
