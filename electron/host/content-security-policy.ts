// Builds the window's Content-Security-Policy, shared by headless mode and the Electron app scheme.
// Never loosens script-src: the window runs only its own built scripts, no inline code, no eval.
export interface CspOptions {
  /** Origin of the engine's local stream server: the only place videos may come from. */
  streamOrigin: string;
  /** Where the window may connect to besides itself (headless: its WebSocket bridge). */
  connectSources?: string[];
}

export function contentSecurityPolicy({ streamOrigin, connectSources = [] }: CspOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets styles through the CSSOM, which CSP allows without 'unsafe-inline'.
    "style-src 'self'",
    // Catalog posters are https images or data: URIs.
    "img-src 'self' data: https:",
    "font-src 'self'",
    // blob: is kept for live channels played through Media Source Extensions.
    `media-src ${streamOrigin} blob:`,
    // the stream origin too: a live channel's player reads its local playlist and segments
    `connect-src ${["'self'", ...connectSources, streamOrigin].join(' ')}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
