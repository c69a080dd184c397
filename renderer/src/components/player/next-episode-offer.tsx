// At the end of an episode, the next one (by season and episode) is offered with a countdown:
// it starts by itself at zero unless the user cancels. Enter or "Play now" starts it at once,
// Escape or "Cancel" stays on the ended episode.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Episode, Title } from '../../../../shared/domain';
import { nextEpisode } from '../../../../shared/episode-order';
import { catalogText } from '../../lib/catalog-text';
import { useAppStore } from '../../store/app-store';
import { playEntry } from '../../store/play-entry';

export const COUNTDOWN_SECONDS = 10;

interface Next {
  title: Title;
  episode: Episode;
}

/** The episode after the one this item plays, if it is an episode and the series goes on. */
export function useNextEpisode(itemId: string | undefined): Next | undefined {
  const item = useAppStore((s) => s.library.find((i) => i.id === itemId));
  const catalog = useAppStore((s) => s.catalog);
  const titleId = item?.titleId;
  const episodeId = item?.episodeId;
  // one object per episode, not per render: the countdown's timer must not restart on each one
  return useMemo(() => {
    if (!titleId || !episodeId) return undefined;
    const title = catalog?.titles.find((t) => t.id === titleId);
    const episode = title?.episodes && nextEpisode(title.episodes, episodeId);
    return title && episode ? { title, episode } : undefined;
  }, [titleId, episodeId, catalog]);
}

export function NextEpisodeOffer({
  video,
  itemId,
}: {
  video: HTMLVideoElement | null;
  itemId: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const next = useNextEpisode(itemId);
  const [left, setLeft] = useState<number | null>(null);
  const playNow = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!video || !next) return;
    const onEnded = () => setLeft(COUNTDOWN_SECONDS);
    // seeking back from the end takes the offer away
    const onPlaying = () => setLeft(null);
    video.addEventListener('ended', onEnded);
    video.addEventListener('playing', onPlaying);
    return () => {
      video.removeEventListener('ended', onEnded);
      video.removeEventListener('playing', onPlaying);
    };
  }, [video, next]);

  const shown = left !== null && next !== undefined;
  useEffect(() => {
    if (!shown) return;
    playNow.current?.focus();
    const element = box.current;
    // the player's own Escape (leave) waits: here it only cancels the offer
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setLeft(null);
    };
    element?.addEventListener('keydown', onKeyDown);
    return () => element?.removeEventListener('keydown', onKeyDown);
  }, [shown]);
  useEffect(() => {
    if (left === null || !next) return;
    if (left <= 0) {
      start(next, i18n.language);
      return;
    }
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left, next, i18n.language]);

  if (!shown) return null;
  const name = catalogText(next.episode, i18n.language).name;
  return (
    <div
      className="next-episode"
      role="dialog"
      aria-labelledby="next-episode-heading"
      ref={box}
      data-testid="next-episode"
    >
      <p id="next-episode-heading" className="next-episode__heading">
        {t('nextEpisode.heading', {
          season: next.episode.season,
          episode: next.episode.episode,
          name,
        })}
      </p>
      <p
        className="next-episode__countdown"
        aria-live="polite"
        data-testid="next-episode-countdown"
      >
        {t('nextEpisode.countdown', { count: left })}
      </p>
      <div className="next-episode__actions">
        <button
          ref={playNow}
          type="button"
          className="button button--primary"
          data-testid="next-episode-play"
          onClick={() => start(next, i18n.language)}
        >
          {t('nextEpisode.playNow')}
        </button>
        <button
          type="button"
          className="button button--ghost"
          data-testid="next-episode-cancel"
          onClick={() => setLeft(null)}
        >
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

function start(next: Next, language: string): void {
  const series = catalogText(next.title, language).name;
  const name = catalogText(next.episode, language).name;
  playEntry({
    label: `${series} — ${name}`,
    source: next.episode.source ?? next.episode.options?.[0]?.source,
    titleId: next.title.id,
    episodeId: next.episode.id,
    fileName: next.episode.fileName ?? next.episode.options?.[0]?.fileName,
  });
}
