// "Continue watching": films and episodes started and not finished, most recent first. Choosing
// one plays it from where the user stopped (the engine keeps the position).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogText } from '../../lib/catalog-text';
import { continueWatching, type ContinueEntry } from '../../lib/continue-watching';
import { formatClock } from '../../lib/format';
import { playItem } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { Poster } from '../common/poster';

export function ContinueRow() {
  const { t } = useTranslation();
  const library = useAppStore((s) => s.library);
  const catalog = useAppStore((s) => s.catalog);
  const marks = useAppStore((s) => s.marks);
  const entries = useMemo(
    () => continueWatching(library, catalog, marks),
    [library, catalog, marks],
  );
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="continue-heading" className="shelf" data-testid="continue-row">
      <h2 id="continue-heading" className="shelf__heading">
        {t('continue.heading')}
      </h2>
      <ul className="library-row">
        {entries.map((entry) => (
          <ContinueCard key={entry.item.id + (entry.episode?.id ?? '')} entry={entry} />
        ))}
      </ul>
    </section>
  );
}

function ContinueCard({ entry }: { entry: ContinueEntry }) {
  const { t, i18n } = useTranslation();
  const series = catalogText(entry.title, i18n.language).name;
  const name = entry.episode
    ? t('continue.episode', {
        series,
        season: entry.episode.season,
        episode: entry.episode.episode,
        name: catalogText(entry.episode, i18n.language).name,
      })
    : series;
  const at = formatClock(entry.item.positionSeconds);
  return (
    <li
      className="library-card"
      data-testid="continue-item"
      data-title-id={entry.title.id}
      {...(entry.episode ? { 'data-episode-id': entry.episode.id } : {})}
    >
      <Poster src={entry.title.poster} name={series} className="library-card__poster" />
      <div className="library-card__body">
        <h3 className="library-card__name">
          <button
            type="button"
            className="stretched"
            aria-label={t('continue.resume', { name, time: at })}
            onClick={() => void playItem(entry.item.id)}
          >
            {name}
          </button>
        </h3>
        {entry.share !== undefined && (
          <progress className="continue-meter" max={1} value={entry.share} aria-hidden="true" />
        )}
        <p className="library-card__meta">{t('library.resumeAt', { time: at })}</p>
      </div>
    </li>
  );
}
