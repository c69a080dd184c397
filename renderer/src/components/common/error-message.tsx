// A failed command in plain words: the translated sentence for its code, then the engine's own
// (English) message in smaller text, marked as English so screen readers pronounce it right.
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import { errorDetail, errorKey } from '../../lib/error-messages';

export function ErrorMessage({ error }: { error: AppError }) {
  const { t } = useTranslation();
  const sentence = t(errorKey(error.code));
  const detail = errorDetail(error, sentence);
  return (
    <>
      <span className="error-message">{sentence}</span>
      {detail && (
        <span className="error-message__detail" lang="en">
          {detail}
        </span>
      )}
    </>
  );
}
