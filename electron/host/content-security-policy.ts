// Builds the window's Content-Security-Policy, shared by headless mode and the Electron app scheme.
// script-src stays the window's own built scripts: no inline code, no JS eval (WebAssembly
// compilation only, for the ASS subtitle renderer).
export interface CspOptions {
  /** Origin of the engine's local stream server: the only place videos may come from. */
  streamOrigin: string;
  /** Where the window may connect to besides itself (headless: its WebSocket bridge). */
  connectSources?: string[];
}

export function contentSecurityPolicy({ streamOrigin, connectSources = [] }: CspOptions): string {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the ASS subtitle renderer compile its own WebAssembly (libass);
    // it allows no JavaScript eval
    "script-src 'self' 'wasm-unsafe-eval'",
    // React sets styles through the CSSOM, which CSP allows without 'unsafe-inline'.
    "style-src 'self'",
    // Catalog pictures come from the engine's local server (it fetches and caches them) or are
    // embedded; the window never loads an image from the internet itself.
    `img-src 'self' data: blob: ${streamOrigin}`,
    "font-src 'self'",
    // blob: is kept for live channels played through Media Source Extensions.
    `media-src ${streamOrigin} blob:`,
    // the stream origin too: converted feeds, subtitle text, a live channel's playlist and segments
    `connect-src ${["'self'", ...connectSources, streamOrigin].join(' ')}`,
    "object-src 'none'",
    "frame-src 'none'",
    // the ASS subtitle renderer draws in a worker built with the window's own files
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
