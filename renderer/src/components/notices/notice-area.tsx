// Engine notices and command failures as dismissable toasts: errors interrupt (role="alert"),
// everything else waits its turn (role="status"). Text only; failed commands in plain words.
import { useTranslation } from 'react-i18next';
import { dismissNotice, useAppStore } from '../../store/app-store';
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
            {notice.error ? <ErrorMessage error={notice.error} /> : notice.message}
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
