// Hides the controls after a few still seconds while playing; any pointer move or key brings
// them back. Focus inside the controls keeps them shown (CSS :focus-within).
import { useEffect, useState } from 'react';

const IDLE_MS = 3000;

export function useIdle(element: HTMLElement | null, enabled: boolean): boolean {
  const [idle, setIdle] = useState(false);

  useEffect(() => {
    if (!element || !enabled) return;
    let timer = setTimeout(() => setIdle(true), IDLE_MS);
    const wake = () => {
      setIdle(false);
      clearTimeout(timer);
      timer = setTimeout(() => setIdle(true), IDLE_MS);
    };
    element.addEventListener('pointermove', wake);
    element.addEventListener('pointerdown', wake);
    element.addEventListener('keydown', wake);
    return () => {
      clearTimeout(timer);
      element.removeEventListener('pointermove', wake);
      element.removeEventListener('pointerdown', wake);
      element.removeEventListener('keydown', wake);
    };
  }, [element, enabled]);

  return enabled && idle;
}
