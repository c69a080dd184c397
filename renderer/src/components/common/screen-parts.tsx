// Pieces every full screen shares: the Back button to the home screen, and moving focus to the
// screen's heading when it opens, so keyboard and screen reader users start from the top.
import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { showView } from '../../store/app-store';
import { BackIcon } from './icons';

export function BackButton() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button button--ghost"
      onClick={() => showView({ name: 'home' })}
    >
      <BackIcon />
      {t('common.back')}
    </button>
  );
}

/** A ref for the screen's heading, focused whenever `screenKey` changes. */
export function useHeadingFocus(screenKey: string): RefObject<HTMLHeadingElement | null> {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [screenKey]);
  return heading;
}
