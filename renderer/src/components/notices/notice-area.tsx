// Engine notices and command failures as dismissable toasts: errors interrupt (role="alert"),
// everything else waits its turn (role="status"). Text only; failed commands in plain words.
import { useTranslation } from 'react-i18next';
import { noticeKey, saveReasonKey } from '../../lib/notice-messages';
import { dismissNotice, useAppStore, type NoticeEntry } from '../../store/app-store';
import { ErrorMessage } from '../common/error-message';
import { CloseIcon } from '../common/icons';

export function NoticeArea() {
  const { t } = useTranslation();
  const notices = useAppStore((s) => s.notices);
  return (
    <section className="notices" aria-label={t('notices.label')}>
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice--${notice.level}`}
          data-testid="notice"
          data-level={notice.level}
          role={notice.level === 'error' ? 'alert' : 'status'}
        >
          <p className="notice__text">
            <NoticeText notice={notice} />
          </p>
          <button
            type="button"
            className="icon-button icon-button--small"
            aria-label={t('notices.dismiss')}
            onClick={() => dismissNotice(notice.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </section>
  );
}

function NoticeText({ notice }: { notice: NoticeEntry }) {
  const { t } = useTranslation();
  if (notice.error) return <ErrorMessage error={notice.error} />;
  if (notice.code)
    return <>{t(noticeKey(notice.code), { reason: t(saveReasonKey(notice.cause)) })}</>;
  return <>{notice.message}</>;
}
