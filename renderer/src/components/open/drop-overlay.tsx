// Drag a .torrent file anywhere on the window: an overlay says "Drop to open", and dropping it
// adds and plays it. Only drags carrying files count, so dragging text or images does nothing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pushErrorNotice, pushNotice } from '../../store/app-store';
import { useTorrentFileOpener } from './use-torrent-file-opener';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export function DropOverlay() {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const openFile = useTorrentFileOpener();

  useEffect(() => {
    // enter/leave fire for every child crossed, so depth tells when the pointer really left
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // allows the drop
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // otherwise the browser navigates to the dropped file
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file)
        void openFile(file).then((problem) => {
          if (problem && 'error' in problem) pushErrorNotice(problem.error);
          else if (problem) pushNotice('error', problem.text);
        });
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [openFile]);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" role="status">
      <div className="drop-overlay__box">{t('open.dropToOpen')}</div>
    </div>
  );
}
