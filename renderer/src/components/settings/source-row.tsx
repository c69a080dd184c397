// One catalog source on the Sources page: its name, kind and state, when it was last updated, how
// much it brings, its problem in plain words, and Refresh / Remove buttons.
import { useTranslation } from 'react-i18next';
import type { SourceState } from '../../../../shared/domain';
import { refreshSource, removeSource } from '../../store/source-actions';

export function SourceRow({ source }: { source: SourceState }) {
  const { t, i18n } = useTranslation();
  const headingId = `source-${source.id}-name`;
  const updated =
    source.updatedAt === undefined
      ? t('sources.neverUpdated')
      : t('sources.updated', {
          when: new Intl.DateTimeFormat(i18n.language, {
            dateStyle: 'medium',
            timeStyle: 'short',
          }).format(source.updatedAt),
        });
  return (
    <li
      className="source-row"
      data-testid="source-row"
      data-source-id={source.id}
      data-state={source.state}
      aria-labelledby={headingId}
    >
      <div className="source-row__main">
        <h3 id={headingId} className="source-row__name">
          {source.name}
        </h3>
        <p className="source-row__facts">
          <span className="source-row__kind">{t(`sources.kinds.${source.kind}`)}</span>
          {' · '}
          <span className={`source-state source-state--${source.state}`} data-testid="source-state">
            {t(`sources.states.${source.state}`)}
          </span>
          {source.origin !== 'user' && <> · {t(`sources.origins.${source.origin}`)}</>}
        </p>
        <p className="source-row__facts muted">
          {t('sources.titles', { count: source.titles })}
          {source.channels > 0 && <> · {t('sources.channels', { count: source.channels })}</>}
          {' · '}
          {updated}
        </p>
        {source.address !== source.name && (
          <p className="source-row__address muted" title={source.address}>
            {source.address}
          </p>
        )}
        {source.problem && (
          <p className="source-row__problem" data-testid="source-problem">
            <span className="visually-hidden">{t('sources.problem')} </span>
            <span lang="en">{source.problem}</span>
          </p>
        )}
      </div>
      <div className="source-row__actions">
        <button
          type="button"
          className="button button--small"
          disabled={source.state === 'loading'}
          aria-describedby={headingId}
          onClick={() => void refreshSource(source.id)}
        >
          {source.state === 'loading' ? t('sources.refreshing') : t('sources.refresh')}
        </button>
        {source.origin !== 'builtin' && (
          <button
            type="button"
            className="button button--small button--danger"
            aria-describedby={headingId}
            onClick={() => void removeSource(source.id)}
          >
            {t('sources.remove')}
          </button>
        )}
      </div>
    </li>
  );
}
