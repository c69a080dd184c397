// Engine errors in the user's language: each contract error code has one translated sentence
// (what happened, what to do); the engine's own English message is kept as a secondary detail.
import { ERROR_CODES, type AppError, type ErrorCode } from '../../../shared/errors';

/** The translation key for a code; an unknown code (a newer engine) reads as an internal error. */
export function errorKey(code: string): `errors.${ErrorCode}` {
  const known = (ERROR_CODES as readonly string[]).includes(code);
  return `errors.${known ? (code as ErrorCode) : 'internal'}`;
}

/** The engine's message, when it adds anything to the translated sentence shown above it. */
export function errorDetail(error: AppError, sentence: string): string | null {
  const detail = error.message.trim();
  return detail === '' || detail === sentence.trim() ? null : detail;
}
