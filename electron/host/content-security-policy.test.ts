// The window's Content-Security-Policy: its own scripts only, WebAssembly compilation and its own
// workers for the ASS subtitle renderer, and nothing else loosened.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy.js';

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

describe('contentSecurityPolicy', () => {
  const csp = contentSecurityPolicy({
    streamOrigin: 'http://127.0.0.1:4567',
    connectSources: ['ws://127.0.0.1:9000'],
  });
  const d = directives(csp);

  it('runs only the window own scripts, and compiles WebAssembly but never evaluates JavaScript', () => {
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("'unsafe-inline'");
  });

  it('allows workers from the window own files only (no blob: or data: workers)', () => {
    expect(d.get('worker-src')).toEqual(["'self'"]);
  });

  it('keeps media, connections and everything else as narrow as before', () => {
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('media-src')).toEqual(['http://127.0.0.1:4567', 'blob:']);
    expect(d.get('connect-src')).toEqual([
      "'self'",
      'ws://127.0.0.1:9000',
      'http://127.0.0.1:4567',
    ]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    // pictures only from this machine: the engine's local server fetches catalog artwork
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'http://127.0.0.1:4567']);
    expect(csp).not.toMatch(/img-src[^;]*https:/);
    expect(d.get('frame-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
  });
});
