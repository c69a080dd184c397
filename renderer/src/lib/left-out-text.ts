// What a source offered that cannot be played here, in the user's language: the engine counts it
// by reason; its own English lines are the fallback when it did not.
import type { TFunction } from 'i18next';
import { MAX_PLAY_OPTIONS, type LeftOut } from '../../../shared/domain';

export const leftOutKey = (reason: LeftOut['reason']) => `details.leftOut.${reason}` as const;

/** What was left out, in the user's language when the engine counted it by reason. */
export function leftOutLines(
  answer: { ignored: string[]; leftOut?: LeftOut[] | undefined },
  t: TFunction,
): string[] {
  if (!answer.leftOut?.length) return answer.ignored;
  return answer.leftOut.map(({ reason, count }) =>
    t(leftOutKey(reason), { count, max: MAX_PLAY_OPTIONS }),
  );
}
