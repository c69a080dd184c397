// One catalog title as a card. The name is the card's only button, stretched over the whole card,
// so a click anywhere opens the details while screen readers hear one concise control.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Title } from '../../../../shared/domain';
import { catalogText } from '../../lib/catalog-text';
import { showView, useAppStore } from '../../store/app-store';
import { Poster } from '../common/poster';

interface Props {
  title: Title;
  /** place in a windowed list and its full length, for screen readers */
  position?: number;
  setSize?: number;
}

export const TitleCard = memo(function TitleCard({ title, position, setSize }: Props) {
  const { t, i18n } = useTranslation();
  const watched = useAppStore((s) => Object.hasOwn(s.marks.watched, title.id));
  const text = catalogText(title, i18n.language);
  return (
    <li
      className="title-card"
      data-testid="title-card"
      data-title-id={title.id}
      {...(position !== undefined ? { 'aria-posinset': position, 'aria-setsize': setSize } : {})}
    >
      <Poster src={title.poster} name={text.name} className="title-card__poster" />
      <div className="title-card__body">
        <h3 className="title-card__name">
          <button
            type="button"
            className="stretched"
            onClick={() => showView({ name: 'details', titleId: title.id })}
          >
            {text.name}
          </button>
        </h3>
        <p className="title-card__meta">
          {title.year !== undefined && <span>{title.year}</span>}
          <span>{t(`kind.${title.kind}`)}</span>
          {watched && (
            <span className="title-card__watched" data-testid="watched-badge">
              {t('marks.watched')}
            </span>
          )}
        </p>
        {text.synopsis && <p className="title-card__synopsis">{text.synopsis}</p>}
      </div>
    </li>
  );
});
