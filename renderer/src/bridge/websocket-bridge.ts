// The headless transport: the contract carried over one WebSocket that reconnects with backoff.
// Pure (no DOM globals needed): the socket constructor is injectable, so tests run it in Node.
import {
  commands,
  events,
  isCommandName,
  type CommandName,
  type EventName,
} from '../../../shared/api';
import type { Bridge } from '../../../shared/bridge';
import { ERROR_CODES, type AppError, type Result } from '../../../shared/errors';

/** What we need of a WebSocket; the browser's and the `ws` package's both fit. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}
export type SocketConstructor = new (url: string) => SocketLike;

/** connecting: never reached the host yet; reconnecting: it dropped and we are retrying. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface WebSocketBridge extends Bridge {
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Stops for good: no more reconnects, pending calls fail. */
  close(): void;
}

export interface WebSocketBridgeOptions {
  WebSocket?: SocketConstructor;
  minDelayMs?: number;
  maxDelayMs?: number;
}

const OPEN = 1;
const NOT_CONNECTED: AppError = {
  code: 'network',
  message:
    'The player engine is not reachable right now. Wait for it to reconnect, then try again.',
};
const DROPPED: AppError = {
  code: 'network',
  message: 'The connection to the player engine was lost before it answered. Try again.',
};

type Pending = { name: CommandName; resolve: (result: Result<unknown>) => void };
type AnyListener = (payload: unknown) => void;

export function createWebSocketBridge(
  url: string,
  options: WebSocketBridgeOptions = {},
): WebSocketBridge {
  const Socket = options.WebSocket ?? (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof Socket !== 'function') throw new Error('No WebSocket implementation available');
  const SocketCtor = Socket as SocketConstructor;
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 10_000;

  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<AnyListener>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  }

  function failPending(): void {
    for (const call of pending.values()) call.resolve({ ok: false, error: DROPPED });
    pending.clear();
  }

  function connect(): void {
    const ws = new SocketCtor(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('open');
    };
    ws.onmessage = (event) => handleMessage(event.data);
    ws.onerror = () => {
      // a close event always follows; reconnecting is handled there
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failPending();
      if (state === 'closed') return;
      setState(state === 'connecting' ? 'connecting' : 'reconnecting');
      // exponential backoff with a little jitter so many windows do not retry in step
      const delay = Math.min(maxDelay, minDelay * 2 ** attempt) * (0.8 + Math.random() * 0.4);
      attempt += 1;
      retryTimer = setTimeout(connect, delay);
    };
  }

  function handleMessage(data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return; // a garbled frame is dropped rather than taking the window down
    }
    if (typeof message !== 'object' || message === null) return;
    const msg = message as Record<string, unknown>;
    if (msg.type === 'result' && typeof msg.id === 'number') {
      const call = pending.get(msg.id);
      if (!call) return;
      pending.delete(msg.id);
      call.resolve(checkResult(call.name, msg.result));
    } else if (
      msg.type === 'event' &&
      typeof msg.name === 'string' &&
      Object.hasOwn(events, msg.name)
    ) {
      const name = msg.name as EventName;
      const parsed = events[name].safeParse(msg.payload);
      if (!parsed.success) return;
      for (const listener of listeners.get(name) ?? []) listener(parsed.data);
    }
  }

  connect();

  return {
    invoke(name, input) {
      const ws = socket;
      if (!isCommandName(name) || !ws || ws.readyState !== OPEN) {
        return Promise.resolve({ ok: false, error: NOT_CONNECTED });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { name, resolve: resolve as Pending['resolve'] });
        try {
          ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
        } catch {
          pending.delete(id);
          resolve({ ok: false, error: NOT_CONNECTED });
        }
      });
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const entry = listener as AnyListener;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    connectionState: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    close() {
      setState('closed');
      clearTimeout(retryTimer);
      const ws = socket;
      socket = null;
      failPending();
      ws?.close();
    },
  };
}

/** Checks a host answer against the command's output schema; anything off becomes an error result. */
function checkResult(name: CommandName, raw: unknown): Result<unknown> {
  if (typeof raw === 'object' && raw !== null) {
    const result = raw as Record<string, unknown>;
    if (result.ok === true) {
      const parsed = commands[name].output.safeParse(result.value);
      if (parsed.success) return { ok: true, value: parsed.data };
    } else if (result.ok === false && isAppError(result.error)) {
      return { ok: false, error: result.error };
    }
  }
  return {
    ok: false,
    error: {
      code: 'internal',
      message: 'The player engine sent an answer this window does not understand.',
    },
  };
}

function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const error = value as Record<string, unknown>;
  return (
    typeof error.message === 'string' &&
    typeof error.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(error.code)
  );
}
