// The window's snapshot of the engine (fed by events) plus what only the window knows: which
// screen is showing, open dialogs, notices. Holds data only; commands live in actions.ts.
import { create } from 'zustand';
import type {
  CatalogView,
  LibraryItem,
  LiveSession,
  LiveStatus,
  Notice,
  PlaybackSession,
  Settings,
  SourceState,
  TorrentStats,
  UserMarks,
} from '../../../shared/domain';
import { EMPTY_QUERY, type ShelfQuery } from '../lib/shelf-search';
import type { AppError } from '../../../shared/errors';
import type { ConnectionState } from '../bridge/websocket-bridge';
import type { AddonSearch } from './addon-search';

export type View =
  | { name: 'home' }
  | { name: 'details'; titleId: string }
  | { name: 'item'; itemId: string }
  | { name: 'player'; back: View }
  | { name: 'live'; back: View };

/** A live channel being watched: its session once the engine answered, and its latest figures. */
export interface LivePlayback {
  id: number;
  label: string;
  session: LiveSession | null;
  status: LiveStatus | null;
  error: AppError | null;
  /** a direct channel (relayed from its server), not a P2P one */
  direct?: boolean;
}

/** The player's start-up: what is being opened, then the engine's session, or why it failed. */
export interface Playback {
  /** changes with every new start, so the player view remounts fresh */
  id: number;
  label: string;
  session: PlaybackSession | null;
  /** kept as the engine's code and message so it is translated when shown, in today's language */
  error: AppError | null;
}

export interface NoticeEntry {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
  /** set for a failed command: shown as a translated sentence with `message` as its detail */
  error?: AppError;
  /** set for a notice the window words itself (see lib/notice-messages.ts) */
  code?: Notice['code'];
  cause?: Notice['cause'];
}

export interface AppState {
  connection: ConnectionState;
  catalog: CatalogView | null;
  library: LibraryItem[];
  settings: Settings | null;
  /** the catalog sources and their states (Settings, Sources), once asked */
  sources: SourceState[] | null;
  playback: Playback | null;
  live: LivePlayback | null;
  stats: Record<string, TorrentStats>;
  notices: NoticeEntry[];
  view: View;
  homeTab: 'titles' | 'channels';
  openDialog: boolean;
  settingsDialog: boolean;
  /** the library item whose "Remove…" confirmation is open */
  removeItemId: string | null;
  /** the file the user last chose per item in this window; the engine keeps only its default */
  chosenFiles: Record<string, number>;
  /** watched marks and My list, as the engine last said */
  marks: UserMarks;
  /** the shelf's search, filters and order; kept while the user opens a title and comes back */
  shelfQuery: ShelfQuery;
  /** what the add-ons found for the search box's words (titles not on the shelf among them) */
  addonSearch: AddonSearch | null;
}

export const useAppStore = create<AppState>()(() => ({
  connection: 'connecting',
  catalog: null,
  library: [],
  settings: null,
  sources: null,
  playback: null,
  live: null,
  stats: {},
  notices: [],
  view: { name: 'home' },
  homeTab: 'titles',
  openDialog: false,
  settingsDialog: false,
  removeItemId: null,
  chosenFiles: {},
  marks: { watched: {}, myList: [] },
  shelfQuery: EMPTY_QUERY,
  addonSearch: null,
}));

const MAX_NOTICES = 5;
let nextNoticeId = 1;

export function pushNotice(level: NoticeEntry['level'], message: string, error?: AppError): void {
  const entry = { id: nextNoticeId++, level, message, ...(error ? { error } : {}) };
  // the oldest go first so a burst of failures cannot bury the screen
  useAppStore.setState((s) => ({ notices: [...s.notices, entry].slice(-MAX_NOTICES) }));
}

/** A notice from the engine; one that says a problem is over takes the problem's notice away. */
export function pushEngineNotice({ level, message, code, cause }: Notice): void {
  if (code === 'library-saved-again') {
    useAppStore.setState((s) => ({
      notices: s.notices.filter((n) => n.code !== 'library-not-saved'),
    }));
  }
  const entry = { id: nextNoticeId++, level, message, code, cause };
  useAppStore.setState((s) => ({ notices: [...s.notices, entry].slice(-MAX_NOTICES) }));
}

export function pushErrorNotice(error: AppError): void {
  pushNotice('error', error.message, error);
}

export function dismissNotice(id: number): void {
  useAppStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

export function showView(view: View): void {
  useAppStore.setState({ view });
}

export function setOpenDialog(open: boolean): void {
  useAppStore.setState({ openDialog: open });
}

export function setSettingsDialog(open: boolean): void {
  useAppStore.setState({ settingsDialog: open });
}

export function setRemoveDialog(itemId: string | null): void {
  useAppStore.setState({ removeItemId: itemId });
}

export function setHomeTab(tab: AppState['homeTab']): void {
  useAppStore.setState({ homeTab: tab });
}

export function setShelfQuery(patch: Partial<ShelfQuery>): void {
  useAppStore.setState((s) => ({ shelfQuery: { ...s.shelfQuery, ...patch } }));
}
