// Says when the window cannot reach the engine: "Reconnecting…" after a drop, and
// "Connecting…" only if the first connection takes long enough to notice.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store';

const SLOW_CONNECT_MS = 1000;

export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useAppStore((s) => s.connection);
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    if (connection !== 'connecting') return;
    const timer = setTimeout(() => setSlow(true), SLOW_CONNECT_MS);
    return () => clearTimeout(timer);
  }, [connection]);

  const text =
    connection === 'reconnecting'
      ? t('connection.reconnecting')
      : connection === 'connecting' && slow
        ? t('connection.connecting')
        : connection === 'closed'
          ? t('connection.closed')
          : null;

  return (
    <div
      className="connection-banner"
      role="status"
      data-testid="connection-banner"
      hidden={text === null}
    >
      {text && <span className="spinner spinner--small" aria-hidden="true" />}
      {text}
    </div>
  );
}
