// Draws an ASS/SSA track with its own styling and positions: the ASS renderer (libass compiled
// to WebAssembly, run in a worker from the window's own files) paints a canvas over the picture.
// The subtitle text goes only to that worker; nothing of it becomes page markup.
import { useEffect, useRef, useState } from 'react';
import JASSUB from 'jassub';
import type { Subtitles } from './use-subtitles';

export function AssSubtitles({
  video,
  subtitles,
}: {
  video: HTMLVideoElement | null;
  subtitles: Subtitles;
}) {
  const box = useRef<HTMLDivElement>(null);
  // the live renderer, and a count that changes whenever a new one is ready
  const renderer = useRef<JASSUB | undefined>(undefined);
  const [started, setStarted] = useState(0);
  const showing = subtitles.selected !== 'off' && subtitles.ass !== undefined;
  const text = showing ? subtitles.ass : undefined;
  const latest = useRef(text);
  useEffect(() => {
    latest.current = text;
  });

  // one renderer while an ASS track shows on this video; a new track's text replaces the old
  useEffect(() => {
    const holder = box.current;
    const content = latest.current;
    if (!showing || !video || !holder || content === undefined) return;
    // the renderer owns its canvas (it hands it to its worker and removes it when destroyed)
    const canvas = document.createElement('canvas');
    canvas.className = 'ass-subtitles__canvas';
    canvas.dataset.testid = 'ass-subtitles';
    holder.append(canvas);
    let instance: JASSUB | undefined;
    try {
      instance = new JASSUB({ video, canvas, subContent: content });
      const live = instance;
      renderer.current = live;
      void live.ready
        .then(() => {
          if (renderer.current === live) setStarted((n) => n + 1);
        })
        .catch(() => {});
    } catch {
      canvas.remove();
    }
    return () => {
      renderer.current = undefined;
      void instance?.destroy().catch(() => {});
    };
  }, [showing, video]);

  useEffect(() => {
    const live = renderer.current;
    if (!live || text === undefined) return;
    void (async () => {
      await live.renderer.setTrack(text);
      await live.resize();
    })().catch(() => {});
  }, [started, text]);

  // the timing offset: a positive offset shows lines later, as for the text renderer
  useEffect(() => {
    const live = renderer.current;
    if (!live) return;
    live.timeOffset = -subtitles.offsetSeconds;
    void live.resize(true).catch(() => {});
  }, [started, subtitles.offsetSeconds]);

  return <div ref={box} className="ass-subtitles" aria-hidden="true" />;
}
