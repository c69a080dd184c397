// Error codes and the result envelope every contract call returns.
// Electron passes only `message` of a thrown error to the page, so handlers never throw across a boundary.

export const ERROR_CODES = [
  'invalid-input',
  'invalid-torrent',
  'invalid-magnet',
  'unsafe-torrent-paths',
  'no-playable-file',
  'not-found',
  'disk-full',
  'download-folder-missing',
  'network',
  'catalog-invalid',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** Plain words for the user: what happened and what they can do. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** An error that carries a code; the engine throws it and the transport turns it into an envelope. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof CodedError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Something went wrong: ${message}` };
}
