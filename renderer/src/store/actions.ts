// The window's link to the engine once connected: the events that feed the store, the snapshot
// fetched on every (re)connect, and saving settings. Failures become notices. Playing and live
// channels have their own modules, re-exported here so the screens need one import path.
import type { Settings } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { applyLibraryChanges } from '../../../shared/library-changes';
import type { ConnectedBridge } from '../bridge/select-bridge';
import type { ConnectionState } from '../bridge/websocket-bridge';
import { pushEngineNotice, useAppStore } from './app-store';
import { invoke, invokeOrNotify, setBridge } from './engine-calls';
import { openChannel } from './live-actions';
import { isStartingItem, playItem } from './player-actions';
import { reloadCatalog } from './source-actions';

export { invoke } from './engine-calls';
export {
  askDetails,
  askMediaPlan,
  askPlayOptions,
  leavePlayer,
  openAndPlay,
  playItem,
  playSource,
  prefetchAt,
  removeItem,
  reportProgress,
  type PlayRequest,
  type Playhead,
} from './player-actions';
export { askGuide, leaveLive, openChannel, openDirectChannel, probeChannels } from './live-actions';

export function connectStore(connected: ConnectedBridge): void {
  setBridge(connected.bridge);
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
      : isStartingItem(session.itemId);
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

export async function saveSettings(patch: Partial<Settings>): Promise<Result<Settings>> {
  const result = await invoke('settings:update', patch);
  if (result.ok) useAppStore.setState({ settings: result.value });
  return result;
}
