// A title's page: poster, facts, licence and credit; Play/Resume for a film, episodes for a series.
import { useTranslation } from 'react-i18next';
import type { Title } from '../../../../shared/domain';
import { catalogText } from '../../lib/catalog-text';
import { useAppStore } from '../../store/app-store';
import { BackButton, useHeadingFocus } from '../common/screen-parts';
import { Poster } from '../common/poster';
import { EpisodeList } from './episode-list';
import { MyListButton, WatchedButton } from './mark-buttons';
import { PlayEntryButton } from './play-entry-button';

export function DetailsScreen({ titleId }: { titleId: string }) {
  const { t, i18n } = useTranslation();
  const title = useAppStore((s) => s.catalog?.titles.find((x) => x.id === titleId));
  const heading = useHeadingFocus(titleId);
  const back = <BackButton />;

  if (!title) {
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
          {title.kind === 'film' && (
            <PlayEntryButton
              label={text.name}
              source={title.source}
              titleId={title.id}
              fileName={title.fileName}
              primary
            />
          )}
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
      {title.kind === 'series' && <EpisodeList title={title} />}
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
