// Request checks for the headless server: access token, Host header (DNS rebinding) and Origin
// (cross-site pages). Pure functions; they decide, the server refuses. Never trust a header unchecked.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Host names a page may use to reach the server; anything else is a rebinding attempt. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares in constant time so the token cannot be guessed byte by byte. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function allowedHosts(port: number): string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port}`);
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/**
 * A browser sends Origin on WebSocket handshakes and cross-site requests. It must be the page's
 * own origin: the same loopback host the request was addressed to.
 */
export function isSameOrigin(
  origin: string | undefined,
  host: string | undefined,
  port: number,
): boolean {
  if (origin === undefined || host === undefined || !isAllowedHost(host, port)) return false;
  return origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

/** Requests without an Origin header (address bar, same-origin GET) are fine; a foreign one is not. */
export function isAcceptableOrigin(
  origin: string | undefined,
  host: string | undefined,
  port: number,
): boolean {
  return origin === undefined || isSameOrigin(origin, host, port);
}

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.includes(host.toLowerCase());
}

export function baseSecurityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the access token: never hand it to another site.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
