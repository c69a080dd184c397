// Windowing for long lists of rows of one height: which rows a scroll box shows, so a torrent of
// 10,000 files puts a few dozen in the page, not 10,000. Knows nothing of what a row holds.
import { useLayoutEffect, useState, type RefObject } from 'react';

/** Rows drawn beyond each edge, so a quick scroll or an arrow key never lands on a blank. */
const OVERSCAN = 8;

export interface VisibleRows {
  /** first and last row (inclusive) to draw */
  from: number;
  to: number;
  /** rows that fit in the box, for Page Up / Page Down */
  perPage: number;
}

export function useVisibleRows(
  box: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
): VisibleRows {
  const [view, setView] = useState({ top: 0, height: 0 });

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () =>
      setView((v) =>
        v.top === element.scrollTop && v.height === element.clientHeight
          ? v
          : { top: element.scrollTop, height: element.clientHeight },
      );
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      resize.disconnect();
    };
  }, [box]);

  return visibleRange(view.top, view.height, count, rowHeight);
}

/**
 * The rows of one height a window onto a list shows: `top` is how far the list is scrolled past
 * the window's top edge, `height` the window's height. Shared by the file list and the title grid.
 */
export function visibleRange(
  top: number,
  height: number,
  count: number,
  rowHeight: number,
  overscan = OVERSCAN,
): VisibleRows {
  const first = Math.floor(Math.max(0, top) / rowHeight);
  const shown = Math.ceil(Math.max(0, height) / rowHeight);
  return {
    from: Math.min(Math.max(0, first - overscan), Math.max(0, count - 1)),
    to: Math.min(count - 1, first + shown + overscan),
    perPage: Math.max(1, shown - 1),
  };
}

/** Scrolls `box` just enough for `row` to be fully shown. */
export function revealRow(box: HTMLElement, row: number, rowHeight: number): void {
  const top = row * rowHeight;
  if (top < box.scrollTop) box.scrollTop = top;
  else if (top + rowHeight > box.scrollTop + box.clientHeight)
    box.scrollTop = top + rowHeight - box.clientHeight;
}
