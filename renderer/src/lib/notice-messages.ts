// Engine notices the window words itself: a notice with a code is said in the user's language,
// with its cause; one without keeps the engine's own (English) message.
import type { NoticeCode } from '../../../shared/domain';
import type { ErrorCode } from '../../../shared/errors';

export const SAVE_REASONS = ['disk-full', 'download-folder-missing', 'other'] as const;
type SaveReason = (typeof SAVE_REASONS)[number];

export function noticeKey(code: NoticeCode): `notices.codes.${NoticeCode}` {
  return `notices.codes.${code}`;
}

/** Why the library could not be saved, in words; a cause with no words of its own reads as "other". */
export function saveReasonKey(cause: ErrorCode | undefined): `notices.saveReasons.${SaveReason}` {
  const known = (SAVE_REASONS as readonly string[]).includes(cause ?? '');
  return `notices.saveReasons.${known ? (cause as SaveReason) : 'other'}`;
}
