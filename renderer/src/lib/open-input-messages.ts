// Translates the shared parser's refusal codes into the window's language.
import type { TFunction } from 'i18next';
import type { OpenInputProblem } from '../../../shared/open-input';

const KEYS: Record<OpenInputProblem, string> = {
  empty: 'open.reasons.empty',
  'too-long': 'open.reasons.tooLong',
  'bad-url': 'open.reasons.badUrl',
  unknown: 'open.reasons.unknown',
  'bad-escape': 'open.reasons.badEscape',
  'no-hash': 'open.reasons.noHash',
  'bad-hash': 'open.reasons.badHash',
};

export function translateOpenReason(problem: OpenInputProblem, t: TFunction): string {
  return t(KEYS[problem]);
}
