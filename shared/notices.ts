// Notices the engine raises for the window to show (a library that could not be saved and the like).
// Runtime schemas only; no node:, no DOM, no electron.
import { z } from 'zod';
import { ERROR_CODES } from './errors.js';

/** Notices the window words itself, in the user's language; the rest show `message` as it is. */
export const noticeCodeSchema = z.enum([
  'library-not-saved',
  'library-saved-again',
  'unexpected-error',
]);
export type NoticeCode = z.infer<typeof noticeCodeSchema>;

export const noticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  /** in English; the window shows it when it has no words of its own for `code` */
  message: z.string(),
  code: noticeCodeSchema.optional(),
  /** why, for a coded notice: the error code of what went wrong (e.g. disk-full) */
  cause: z.enum(ERROR_CODES).optional(),
});
export type Notice = z.infer<typeof noticeSchema>;
