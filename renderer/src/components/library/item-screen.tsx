// A library item's page: its state, why it failed (with Retry), Play/Resume, Remove…, and the
// torrent's files so the user can choose which one to play.
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../lib/format';
import { playItem } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { PlayIcon } from '../common/icons';
import { BackButton, useHeadingFocus } from '../common/screen-parts';
import { Poster } from '../common/poster';
import { FileList } from './file-list';
import { ItemMeter, ItemProblem, ItemStatusLine } from './item-status';
import { RemoveButton } from './remove-dialog';
import { itemDisplayName } from '../../lib/item-name';

export function ItemScreen({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const item = useAppStore((s) => s.library.find((i) => i.id === itemId));
  const catalog = useAppStore((s) => s.catalog);
  const poster = useAppStore(
    (s) =>
      s.catalog?.titles.find((x) => item?.titleId !== undefined && x.id === item.titleId)?.poster,
  );
  const heading = useHeadingFocus(itemId);
  const back = <BackButton />;

  if (!item) {
    return (
      <section className="details">
        {back}
        <h1 ref={heading} tabIndex={-1}>
          {t('library.missing')}
        </h1>
      </section>
    );
  }

  const name = itemDisplayName(item, catalog) || t('library.unnamed');
  const resumeAt = item.positionSeconds;
  return (
    <article className="details item-details" aria-labelledby="item-heading">
      {back}
      <div className="details__hero">
        <Poster src={poster} name={name} className="details__poster" />
        <div className="details__info">
          <h1 id="item-heading" ref={heading} tabIndex={-1}>
            {name}
          </h1>
          <ItemStatusLine item={item} className="item-details__status" />
          <ItemMeter item={item} />
          <ItemProblem item={item} />
          <div className="item-details__actions">
            <button
              type="button"
              className="button button--primary button--large"
              onClick={() => void playItem(item.id)}
            >
              <PlayIcon />
              {resumeAt > 0
                ? t('details.resumeAt', { time: formatClock(resumeAt) })
                : t('details.play')}
            </button>
            <RemoveButton itemId={item.id} className="button button--large" />
          </div>
        </div>
      </div>
      <FileList item={item} />
    </article>
  );
}
