// The files inside a library item's torrent, with sizes: videos can be played one by one, the rest
// are listed with the reason they cannot be. The file that plays by default is marked.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem, TorrentFileInfo } from '../../../../shared/domain';
import { unplayableReason } from '../../lib/item-status';
import { useFormat } from '../../lib/use-format';
import { playItem } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { PlayIcon } from '../common/icons';

export function FileList({ item }: { item: LibraryItem }) {
  const { t } = useTranslation();
  const chosen = useAppStore((s) => s.chosenFiles[item.id]) ?? item.fileIndex;

  return (
    <section aria-labelledby="files-heading" className="files">
      <h2 id="files-heading">{t('library.files.heading')}</h2>
      {item.files.length === 0 ? (
        <p className="muted">{t('library.files.waiting')}</p>
      ) : (
        <ul className="file-list">
          {item.files.map((file) => (
            <FileRow
              key={file.index}
              itemId={item.id}
              file={file}
              current={file.index === chosen}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

interface RowProps {
  itemId: string;
  file: TorrentFileInfo;
  current: boolean;
}

function FileRow({ itemId, file, current }: RowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const nameId = useId();
  const slash = file.path.lastIndexOf('/');
  const name = file.path.slice(slash + 1);
  const folder = slash > 0 ? file.path.slice(0, slash) : null;

  return (
    <li
      className={current ? 'file file--current' : 'file'}
      aria-current={current ? 'true' : undefined}
    >
      <div className="file__text">
        <p className="file__name" id={nameId}>
          {name}
        </p>
        {folder && <p className="file__folder">{folder}</p>}
        <p className="file__meta">
          <span>{format.bytes(file.length)}</span>
          {current && <span className="file__badge">{t('library.files.current')}</span>}
          {!file.playable && (
            <span>{t(`library.files.reasons.${unplayableReason(file.path)}`)}</span>
          )}
        </p>
      </div>
      {file.playable && (
        <button
          type="button"
          className="button"
          data-testid="file-play"
          data-file-index={file.index}
          aria-describedby={nameId}
          onClick={() => void playItem(itemId, file.index)}
        >
          <PlayIcon />
          {t('library.files.play')}
        </button>
      )}
    </li>
  );
}
