// Player shortcuts: Space play/pause, arrows seek (Shift = 30 s) and volume, f fullscreen,
// m mute, Esc leaves fullscreen and then the player. Buttons keep their own Space/Enter.
import { useEffect, useEffectEvent } from 'react';

export interface PlayerKeyActions {
  togglePlay(): void;
  seekBy(seconds: number): void;
  volumeBy(delta: number): void;
  toggleMute(): void;
  toggleFullscreen(): void;
  escape(): void;
}

export function usePlayerKeys(actions: PlayerKeyActions): void {
  // an effect event always sees the latest actions without re-subscribing on every render
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    // dialogs opened over the player (Open…) own their keys
    if (target?.closest('dialog')) return;
    const isButton = target?.tagName === 'BUTTON';
    const isVolume = target?.dataset.role === 'volume';
    const isTextField = target?.matches('input:not([type=range]), select, textarea') ?? false;
    if (isTextField) return;

    const step = event.shiftKey ? 30 : 5;
    switch (event.key) {
      case ' ':
      case 'k':
        if (isButton && event.key === ' ') return;
        actions.togglePlay();
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        if (isVolume) return; // the volume slider moves itself
        actions.seekBy(event.key === 'ArrowLeft' ? -step : step);
        break;
      case 'ArrowUp':
      case 'ArrowDown':
        actions.volumeBy(event.key === 'ArrowUp' ? 0.1 : -0.1);
        break;
      case 'f':
      case 'F':
        actions.toggleFullscreen();
        break;
      case 'm':
      case 'M':
        actions.toggleMute();
        break;
      case 'Escape':
        actions.escape();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
