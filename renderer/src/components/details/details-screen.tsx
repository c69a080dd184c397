// A title's page: poster, facts, licence and credit; Play/Resume for a film, episodes for a series.
import { useTranslation } from 'react-i18next';
import type { Title } from '../../../../shared/domain';
import { catalogText } from '../../lib/catalog-text';
import { useAppStore } from '../../store/app-store';
import { BackButton, useHeadingFocus } from '../common/screen-parts';
import { Poster } from '../common/poster';
import { EpisodeList } from './episode-list';
import { PlayChoice } from './play-choice';
import { MyListButton, WatchedButton } from './mark-buttons';
import { PlayEntryButton } from './play-entry-button';
import { useTitleDetails, type DetailsState } from './use-title-details';

export function DetailsScreen({ titleId }: { titleId: string }) {
  const { t, i18n } = useTranslation();
  // a title found by searching the add-ons is not on the shelf: the search's answer holds it
  const shelfTitle = useAppStore(
    (s) =>
      s.catalog?.titles.find((x) => x.id === titleId) ??
      s.addonSearch?.titles.find((x) => x.id === titleId),
  );
  const { state, retry } = useTitleDetails(shelfTitle);
  const heading = useHeadingFocus(titleId);
  const back = <BackButton />;
  const title = state?.title;

  if (!title || !state) {
    return (
      <section className="details">
        {back}
        <h1 ref={heading} tabIndex={-1}>
          {t('details.missing')}
        </h1>
      </section>
    );
  }

  const text = catalogText(title, i18n.language);
  return (
    <article className="details" aria-labelledby="details-heading">
      {back}
      <div className="details__hero">
        {title.backdrop && (
          // decoration only: the same facts are written beside it
          <img className="details__backdrop" src={title.backdrop} alt="" aria-hidden="true" />
        )}
        <Poster src={title.poster} name={text.name} className="details__poster" />
        <div className="details__info">
          <h1 id="details-heading" ref={heading} tabIndex={-1}>
            {text.name}
          </h1>
          <Facts title={title} />
          {text.synopsis && (
            <p className="details__synopsis" data-testid="details-synopsis">
              {text.synopsis}
            </p>
          )}
          {title.kind === 'film' && (title.resolvable || (title.options?.length ?? 0) > 1) && (
            <PlayChoice label={text.name} titleId={title.id} primary eager />
          )}
          {title.kind === 'film' && !title.resolvable && (title.options?.length ?? 0) <= 1 && (
            <PlayEntryButton
              label={text.name}
              source={title.source ?? title.options?.[0]?.source}
              titleId={title.id}
              fileName={title.fileName}
              primary
            />
          )}
          <People title={title} />
          <div className="details__marks">
            <MyListButton titleId={title.id} />
            <WatchedButton id={title.id} />
          </div>
          {(title.licence || title.credit) && (
            <dl className="details__credits">
              {title.licence && (
                <div>
                  <dt>{t('details.licence')}</dt>
                  <dd>{title.licence}</dd>
                </div>
              )}
              {title.credit && (
                <div>
                  <dt>{t('details.credit')}</dt>
                  <dd>{title.credit}</dd>
                </div>
              )}
            </dl>
          )}
        </div>
      </div>
      {title.kind === 'series' && <SeriesPart state={state} retry={retry} />}
    </article>
  );
}

function Facts({ title }: { title: Title }) {
  const { t } = useTranslation();
  const episodes = title.episodes?.length ?? 0;
  return (
    <p className="details__facts">
      {title.year !== undefined && <span>{title.year}</span>}
      <span>{t(`kind.${title.kind}`)}</span>
      {title.durationMinutes !== undefined && (
        <span>{t('details.minutes', { count: Math.round(title.durationMinutes) })}</span>
      )}
      {title.kind === 'series' && <span>{t('details.episodes', { count: episodes })}</span>}
    </p>
  );
}

/** A resolvable series shows its episodes once its source answered; a wait and a failure say so. */
function SeriesPart({ state, retry }: { state: DetailsState; retry: () => void }) {
  const { t } = useTranslation();
  if (state.status === 'loading')
    return (
      <p className="muted" role="status" data-testid="details-loading">
        {t('details.loadingEpisodes')}
      </p>
    );
  if (state.status === 'failed' && !state.title.episodes?.length)
    return (
      <div role="alert" className="details__failed">
        <p>{t('details.episodesFailed')}</p>
        <p className="muted">{state.error.message}</p>
        <button type="button" className="button" onClick={retry}>
          {t('details.tryAgain')}
        </button>
      </div>
    );
  return <EpisodeList title={state.title} />;
}

/** Genres, cast and directors, when the source gives them. */
function People({ title }: { title: Title }) {
  const { t } = useTranslation();
  const rows = [
    ['genres', title.genres],
    ['directors', title.directors],
    ['cast', title.cast?.slice(0, 8)],
  ] as const;
  const shown = rows.filter(([, list]) => list && list.length > 0);
  if (shown.length === 0) return null;
  return (
    <dl className="details__credits" data-testid="details-people">
      {shown.map(([key, list]) => (
        <div key={key}>
          <dt>{t(`details.${key}`)}</dt>
          <dd>{list?.join(', ')}</dd>
        </div>
      ))}
    </dl>
  );
}
