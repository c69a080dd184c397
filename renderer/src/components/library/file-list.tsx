// The files inside a library item's torrent, with sizes: videos can be played one by one, the rest
// are listed with the reason they cannot be. The file that plays by default is marked. Only the
// rows near the visible part are in the page (a season pack holds thousands of files); the list
// is one Tab stop, and the arrow keys move between its Play buttons, scrolling as they go.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem, TorrentFileInfo } from '../../../../shared/domain';
import { playItem } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { FileRow } from './file-row';
import { revealRow, useVisibleRows } from './use-visible-rows';

/** Every row is this many rem high (names are cut to one line), so windowing is plain arithmetic. */
const ROW_REM = 4.5;
/** Space between two rows, inside each row's slot. */
const GAP_REM = 0.5;

export function FileList({ item }: { item: LibraryItem }) {
  const { t } = useTranslation();
  const chosen = useAppStore((s) => s.chosenFiles[item.id]) ?? item.fileIndex;
  const files = item.files;

  return (
    <section aria-labelledby="files-heading" className="files">
      <h2 id="files-heading">{t('library.files.heading')}</h2>
      {files.length === 0 ? (
        <p className="muted">{t('library.files.waiting')}</p>
      ) : (
        <VirtualFiles itemId={item.id} files={files} chosen={chosen} />
      )}
    </section>
  );
}

interface VirtualFilesProps {
  itemId: string;
  files: LibraryItem['files'];
  chosen: number | undefined;
}

function VirtualFiles({ itemId, files, chosen }: VirtualFilesProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const rem = useRootFontSize();
  const rowHeight = ROW_REM * rem;
  const rows = useVisibleRows(box, files.length, rowHeight);
  const [active, setActive] = useState(() => initialActive(files, chosen));
  const focusWanted = useRef(false);
  const current = chosen === undefined ? -1 : files.findIndex((f) => f.index === chosen);

  // opens on the file that plays by default, wherever it sits in the list
  useLayoutEffect(() => {
    if (box.current && current > 0)
      box.current.scrollTop = Math.max(
        0,
        (current + 0.5) * rowHeight - box.current.clientHeight / 2,
      );
    // only when the list first shows: later the user's scrolling is theirs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    box.current?.querySelector<HTMLElement>(`[data-file-position="${active}"] button`)?.focus();
  }, [active]);

  const moveTo = (position: number | undefined) => {
    if (position === undefined) return;
    if (box.current) revealRow(box.current, position, rowHeight);
    focusWanted.current = true;
    setActive(position);
  };

  const onKeyDown = (position: number, event: KeyboardEvent<HTMLButtonElement>) => {
    const last = files.length - 1;
    const target: Record<string, () => number | undefined> = {
      ArrowDown: () => playableFrom(files, position + 1, 1),
      ArrowUp: () => playableFrom(files, position - 1, -1),
      Home: () => playableFrom(files, 0, 1),
      End: () => playableFrom(files, last, -1),
      PageDown: () =>
        playableFrom(files, Math.min(last, position + rows.perPage), 1) ??
        playableFrom(files, last, -1),
      PageUp: () =>
        playableFrom(files, Math.max(0, position - rows.perPage), -1) ?? playableFrom(files, 0, 1),
    };
    const find = target[event.key];
    if (!find || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault(); // the keys move within the list, not the page
    moveTo(find());
  };

  const onPlay = (file: TorrentFileInfo) => void playItem(itemId, file.index);
  // the Tab stop must stay in the page even when scrolled far away from it
  const drawn = new Set<number>();
  for (let i = rows.from; i <= rows.to; i++) drawn.add(i);
  if (active >= 0 && active < files.length) drawn.add(active);
  const gap = GAP_REM * rem;

  return (
    <>
      <p className="muted files__hint" id="files-hint">
        {t('library.files.count', { count: files.length })}. {t('library.files.keys')}
      </p>
      <div className="file-scroller" ref={box} data-testid="file-scroller">
        <ul
          className="file-list"
          aria-labelledby="files-heading"
          aria-describedby="files-hint"
          style={{ height: files.length * rowHeight }}
        >
          {[...drawn].map((position) => {
            const file = files[position];
            if (!file) return null;
            return (
              <FileRow
                key={file.index}
                file={file}
                position={position}
                count={files.length}
                current={position === current}
                tabbable={position === active}
                style={{ top: position * rowHeight, height: rowHeight - gap }}
                onPlay={onPlay}
                onKeyDown={onKeyDown}
                onFocus={setActive}
              />
            );
          })}
        </ul>
      </div>
    </>
  );
}

/** The nearest playable file from `start` going `step` (1 or -1), if any. */
function playableFrom(
  files: LibraryItem['files'],
  start: number,
  step: 1 | -1,
): number | undefined {
  for (let i = start; i >= 0 && i < files.length; i += step) if (files[i]?.playable) return i;
  return undefined;
}

function initialActive(files: LibraryItem['files'], chosen: number | undefined): number {
  const at = chosen === undefined ? -1 : files.findIndex((f) => f.index === chosen);
  if (at >= 0 && files[at]?.playable) return at;
  return playableFrom(files, 0, 1) ?? -1;
}

/** Pixels per rem, so rows grow with the user's font size instead of cutting their text. */
function useRootFontSize(): number {
  const [size] = useState(
    () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16,
  );
  return size;
}
