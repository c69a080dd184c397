// One file of a torrent's list, one line high whatever its name: its name, folder and size, why it
// cannot be played, or a Play button. Drawn only while near the visible part of the list.
import { useId, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TorrentFileInfo } from '../../../../shared/domain';
import { unplayableReason } from '../../lib/item-status';
import { useFormat } from '../../lib/use-format';
import { PlayIcon } from '../common/icons';

export interface FileRowProps {
  file: TorrentFileInfo;
  position: number;
  count: number;
  current: boolean;
  /** the one Play button of the list that Tab reaches */
  tabbable: boolean;
  style: CSSProperties;
  onPlay(file: TorrentFileInfo): void;
  onKeyDown(position: number, event: KeyboardEvent<HTMLButtonElement>): void;
  onFocus(position: number): void;
}

export function FileRow(props: FileRowProps) {
  const { file, position, count, current } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const nameId = useId();
  const slash = file.path.lastIndexOf('/');
  const name = file.path.slice(slash + 1);
  const folder = slash > 0 ? file.path.slice(0, slash) : null;

  return (
    <li
      className={current ? 'file file--current' : 'file'}
      style={props.style}
      // only a few rows are in the page: say where this one sits in the whole list
      aria-setsize={count}
      aria-posinset={position + 1}
      aria-current={current ? 'true' : undefined}
      data-testid="file-row"
      data-file-position={position}
    >
      <div className="file__text">
        <p className="file__name" id={nameId} title={file.path}>
          {name}
        </p>
        <p className="file__meta">
          {folder && <span className="file__folder">{folder}</span>}
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
          tabIndex={props.tabbable ? 0 : -1}
          onClick={() => props.onPlay(file)}
          onKeyDown={(event) => props.onKeyDown(position, event)}
          onFocus={() => props.onFocus(position)}
        >
          <PlayIcon />
          {t('library.files.play')}
        </button>
      )}
    </li>
  );
}
