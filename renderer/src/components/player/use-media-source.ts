// Chooses the <video>'s source for a session: asks the engine how this window should play the
// file (as is, or a converted feed through Media Source Extensions) and sets it up; switches
// the sound track without losing the moment.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaPlan } from '../../../../shared/media';
import { askMediaPlan } from '../../store/actions';
import { mediaCapabilities } from './media-capabilities';
import { SourceController } from './source-controller';

export interface MediaSourceState {
  /** undefined while the engine looks at the file */
  plan: MediaPlan | undefined;
  /** the converted feed stopped for good */
  feedFailed: boolean;
  switchAudio(track: number): Promise<void>;
  /** starts again from this moment after an error */
  retry(at: number): void;
}

/** The engine could not say how to play: play the file as it is, and claim nothing about ffmpeg. */
const FALLBACK: MediaPlan = {
  mode: 'direct',
  converts: 'nothing',
  audioTracks: [],
  subtitles: [],
  ffmpeg: true,
};

/** Files whose container the window plays itself, and which rarely hold sound it cannot decode. */
const LIKELY_DIRECT = /\.(mp4|m4v|webm)$/i;

function languages(appLanguage: string): string[] {
  return [appLanguage, ...(typeof navigator !== 'undefined' ? navigator.languages : [])];
}

export function useMediaSource(
  video: HTMLVideoElement | null,
  sessionId: string | undefined,
  streamUrl: string | undefined,
  resumeAt: number,
): MediaSourceState {
  const { i18n } = useTranslation();
  // keyed by session, so a new session never shows the last one's plan
  const [planned, setPlanned] = useState<{ sessionId: string; plan: MediaPlan } | undefined>();
  const [failedSession, setFailedSession] = useState<string | undefined>();
  const controller = useRef<SourceController | undefined>(undefined);
  const language = i18n.language;
  const resumeRef = useRef(resumeAt);

  useEffect(() => {
    resumeRef.current = resumeAt;
  }, [resumeAt]);

  useEffect(() => {
    if (!video || !sessionId || !streamUrl) return;
    let current = true;
    const own = new SourceController(video, () => setFailedSession(sessionId));
    controller.current = own;
    // MP4 and WebM nearly always play as they are: start at once, while the engine looks
    const early = LIKELY_DIRECT.test(new URL(streamUrl).pathname);
    if (early) own.begin(FALLBACK, streamUrl, resumeRef.current);
    void askMediaPlan({ sessionId, capabilities: mediaCapabilities(languages(language)) }).then(
      (result) => {
        if (!current) return;
        // the engine could not say (a stopped session): play the file as it is
        const plan = result.ok ? result.value : FALLBACK;
        setPlanned({ sessionId, plan });
        if (!early) own.begin(plan, streamUrl, resumeRef.current);
        else if (plan.mode !== 'direct') {
          // it needs converting after all: go on from where the direct start got to
          const started = video.readyState >= HTMLMediaElement.HAVE_METADATA;
          void own.change(plan, streamUrl, started ? undefined : resumeRef.current);
        }
      },
    );
    return () => {
      current = false;
      own.close();
    };
    // a language change does not restart playback
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [video, sessionId, streamUrl]);

  const switchAudio = useCallback(
    async (track: number) => {
      if (!sessionId || !streamUrl) return;
      const result = await askMediaPlan({
        sessionId,
        capabilities: mediaCapabilities(languages(language)),
        audioTrack: track,
      });
      if (!result.ok) return;
      setPlanned({ sessionId, plan: result.value });
      setFailedSession(undefined);
      await controller.current?.change(result.value, streamUrl);
    },
    [sessionId, streamUrl, language],
  );

  const retry = useCallback((at: number) => {
    setFailedSession(undefined);
    controller.current?.retry(at);
  }, []);

  return {
    plan: planned && planned.sessionId === sessionId ? planned.plan : undefined,
    feedFailed: failedSession !== undefined && failedSession === sessionId,
    switchAudio,
    retry,
  };
}
