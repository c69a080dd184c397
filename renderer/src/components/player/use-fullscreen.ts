// Fullscreen for the player wrapper (so our own controls stay visible), plus when it last ended:
// the Esc that leaves fullscreen must not also leave the player.
import { useCallback, useEffect, useRef, useState } from 'react';

export function useFullscreen(element: HTMLElement | null) {
  const [active, setActive] = useState(false);
  const lastExit = useRef(0);

  useEffect(() => {
    const onChange = () => {
      const now = document.fullscreenElement !== null;
      if (!now) lastExit.current = performance.now();
      setActive(now);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void element?.requestFullscreen().catch(() => {});
  }, [element]);

  const exit = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  }, []);

  const justExited = useCallback(() => performance.now() - lastExit.current < 400, []);

  return { active, toggle, exit, justExited };
}
