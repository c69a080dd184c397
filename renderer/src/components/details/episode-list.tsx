// A series' episodes grouped by season (season 0 = specials), in order, each playable.
import { useTranslation } from 'react-i18next';
import type { Episode, Title } from '../../../../shared/domain';
import { catalogText } from '../../lib/catalog-text';
import { PlayChoice } from './play-choice';
import { WatchedButton } from './mark-buttons';
import { PlayEntryButton } from './play-entry-button';

export function EpisodeList({ title }: { title: Title }) {
  const { t, i18n } = useTranslation();
  const series = catalogText(title, i18n.language).name;
  const seasons = groupBySeason(title.episodes ?? []);
  if (seasons.length === 0) return <p className="muted">{t('details.noEpisodes')}</p>;

  return (
    <div className="episodes">
      {seasons.map(([season, episodes]) => (
        <section key={season} aria-labelledby={`season-${season}`} className="season">
          <h2 id={`season-${season}`}>
            {season === 0 ? t('details.specials') : t('details.season', { number: season })}
          </h2>
          <ol className="episode-list">
            {episodes.map((episode) => {
              const text = catalogText(episode, i18n.language);
              return (
                <li key={episode.id} className="episode">
                  <div className="episode__text">
                    <p className="episode__number">
                      {t('details.episodeNumber', { number: episode.episode })}
                    </p>
                    <h3 className="episode__name">{text.name}</h3>
                    {text.synopsis && <p className="muted">{text.synopsis}</p>}
                  </div>
                  <div className="episode__actions">
                    {title.resolvable || (episode.options?.length ?? 0) > 1 ? (
                      <PlayChoice
                        label={t('details.episodeLabel', { series, episode: text.name })}
                        titleId={title.id}
                        episodeId={episode.id}
                        describedAs={t('details.episodeName', {
                          number: episode.episode,
                          name: text.name,
                        })}
                      />
                    ) : (
                      <PlayEntryButton
                        label={t('details.episodeLabel', { series, episode: text.name })}
                        source={episode.source ?? episode.options?.[0]?.source}
                        titleId={title.id}
                        episodeId={episode.id}
                        fileName={episode.fileName ?? episode.options?.[0]?.fileName}
                        describedAs={t('details.episodeName', {
                          number: episode.episode,
                          name: text.name,
                        })}
                      />
                    )}
                    <WatchedButton
                      id={episode.id}
                      small
                      describedAs={t('details.episodeName', {
                        number: episode.episode,
                        name: text.name,
                      })}
                    />
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}

function groupBySeason(episodes: Episode[]): [number, Episode[]][] {
  const seasons = new Map<number, Episode[]>();
  for (const episode of episodes) {
    const list = seasons.get(episode.season) ?? [];
    list.push(episode);
    seasons.set(episode.season, list);
  }
  return [...seasons.entries()]
    .sort(([a], [b]) => a - b)
    .map(([season, list]) => [season, list.sort((a, b) => a.episode - b.episode)]);
}
