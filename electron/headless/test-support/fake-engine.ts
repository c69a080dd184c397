// A stand-in Engine for transport tests (WebSocket bridge, Electron IPC): records the commands it
// receives and lets a test emit events. It tests the carrying of the contract, never the engine.
import type { CommandHandlers, EventName, EventPayload } from '../../../shared/api.js';
import { CodedError } from '../../../shared/errors.js';
import type { Engine, EngineEventListener } from '../../engine/engine-api.js';
import { DEFAULT_SETTINGS, type LibraryItem } from '../../../shared/domain.js';

export interface FakeEngine extends Engine {
  calls: Array<{ name: string; input: unknown }>;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  listenerCount(): number;
  /** Owners the host asked handlers for, and owners it ended, in order. */
  owners: string[];
  endedOwners: string[];
}

export const FAKE_ITEM: LibraryItem = {
  id: 'a'.repeat(40),
  name: 'Test film',
  addedAt: 1,
  magnet: `magnet:?xt=urn:btih:${'a'.repeat(40)}`,
  files: [],
  length: 0,
  downloaded: 0,
  uploaded: 0,
  progress: 0,
  positionSeconds: 0,
  status: 'downloading',
};

export function createFakeEngine(streamOrigin = 'http://127.0.0.1:9'): FakeEngine {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: FakeEngine['calls'] = [];
  const record = (name: string, input: unknown): void => {
    calls.push({ name, input });
  };
  /** A handler that records its call and answers with a fixed value. */
  const answer =
    <T>(name: string, value: T) =>
    async (input: unknown): Promise<T> => {
      record(name, input);
      return value;
    };
  const handlers: CommandHandlers = {
    'catalog:get': answer('catalog:get', { titles: [], channels: [], problems: [] }),
    'sources:list': answer('sources:list', []),
    'sources:add': async (input) => {
      record('sources:add', input);
      throw new CodedError('network', 'This source could not be reached.');
    },
    'sources:refresh': async (input) => {
      record('sources:refresh', input);
      throw new CodedError('not-found', 'There is no such source.');
    },
    'sources:remove': answer('sources:remove', null),
    'catalog:details': async (input) => {
      record('catalog:details', input);
      throw new CodedError('not-found', 'There is no such title.');
    },
    'catalog:play-options': answer('catalog:play-options', { options: [], ignored: [] }),
    'catalog:search': answer('catalog:search', { titles: [], problems: [] }),
    'marks:get': answer('marks:get', { watched: {}, myList: [] }),
    'marks:set': answer('marks:set', { watched: {}, myList: [] }),
    'library:list': answer('library:list', [FAKE_ITEM]),
    'library:add': async (input) => {
      record('library:add', input);
      if (input.source.kind === 'magnet' && input.source.uri.includes('bad')) {
        throw new CodedError('invalid-magnet', 'This magnet link is not valid.');
      }
      return FAKE_ITEM;
    },
    'library:remove': answer('library:remove', null),
    'playback:start': async (input) => {
      record('playback:start', input);
      throw new Error('disk exploded');
    },
    'playback:stop': answer('playback:stop', null),
    'playback:progress': answer('playback:progress', null),
    'playback:prefetch': answer('playback:prefetch', null),
    'playback:media': answer('playback:media', {
      mode: 'direct' as const,
      converts: 'nothing' as const,
      audioTracks: [],
      subtitles: [],
      ffmpeg: false,
    }),
    'settings:get': answer('settings:get', DEFAULT_SETTINGS),
    'notices:startup': answer('notices:startup', []),
    'settings:update': async (input) => {
      record('settings:update', input);
      return { ...DEFAULT_SETTINGS, ...input };
    },
    'live:open': answer('live:open', { sessionId: 's1', name: 'Live', playlistUrl: '' }),
    'channels:open': answer('channels:open', { sessionId: 'd1', name: 'Direct', playlistUrl: '' }),
    'channels:guide': answer('channels:guide', []),
    'live:stop': answer('live:stop', null),
    'live:probe': answer('live:probe', []),
  };
  const owners: string[] = [];
  const endedOwners: string[] = [];
  return {
    handlers,
    calls,
    owners,
    endedOwners,
    handlersFor(owner: string) {
      owners.push(owner);
      return handlers;
    },
    endOwner: async (owner: string) => {
      endedOwners.push(owner);
    },
    noticeUnexpectedError: () => calls.push({ name: 'notice:unexpected-error', input: null }),
    streamOrigin,
    allowStreamOrigin: () => {},
    on<K extends EventName>(name: K, listener: EngineEventListener<K>) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
    openArgument: answer('openArgument', FAKE_ITEM.id),
    close: async () => {},
  };
}
