// Picks how this window reaches the engine: the Electron preload's bridge when present, otherwise
// a WebSocket to the headless host that served the page (token taken from the page's own URL).
import { BRIDGE_GLOBAL, type Bridge } from '../../../shared/bridge';
import { createWebSocketBridge, type ConnectionState } from './websocket-bridge';

export interface ConnectedBridge {
  bridge: Bridge;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

export function selectBridge(win: Window = window): ConnectedBridge {
  const exposed = (win as unknown as Record<string, Bridge | undefined>)[BRIDGE_GLOBAL];
  if (exposed) {
    // IPC within one app cannot drop, so the connection is always open
    return { bridge: exposed, connectionState: () => 'open', onConnectionChange: () => () => {} };
  }
  const ws = createWebSocketBridge(headlessBridgeUrl(win.location, newWindowId(win)));
  return {
    bridge: ws,
    connectionState: ws.connectionState,
    onConnectionChange: ws.onConnectionChange,
  };
}

/**
 * ws(s)://<host>/bridge?token=<token>&window=<id>, mirroring the page's scheme so https pages use
 * wss. The window id lives as long as this page: its reconnects keep its playback, a reload does not.
 */
export function headlessBridgeUrl(
  location: Pick<Location, 'protocol' | 'host' | 'search'>,
  windowId?: string,
): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const window = windowId ? `&window=${encodeURIComponent(windowId)}` : '';
  return `${scheme}://${location.host}/bridge?token=${encodeURIComponent(token)}${window}`;
}

function newWindowId(win: Window): string {
  const bytes = win.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
