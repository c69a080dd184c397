// Windowing for the title grid, which scrolls with the page: how many columns fit, how tall a
// row is (measured from a drawn card) and which rows the page shows, so 10,000 titles put a few
// dozen cards in the page. Re-renders only when the first or last drawn row changes.
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import { visibleRange } from '../library/use-visible-rows';

/** Rows drawn beyond each edge: a quick scroll or a Tab onto the next row never lands on a blank. */
const OVERSCAN_ROWS = 3;

export interface GridWindow {
  columns: number;
  /** height of one row plus the gap below it, in px */
  stride: number;
  /** first and last row drawn (inclusive); to < from when there is nothing to draw */
  from: number;
  to: number;
}

interface Options {
  count: number;
  minCardWidth: number;
  columnGap: number;
  /** a first guess of a row's height before one is measured */
  guessRowHeight: (cardWidth: number) => number;
}

export function useWindowGrid(
  box: RefObject<HTMLElement | null>,
  { count, minCardWidth, columnGap, guessRowHeight }: Options,
): GridWindow & { measure: (list: HTMLElement | null) => void } {
  const [width, setWidth] = useState(0);
  const [measured, setMeasured] = useState(0);
  const columns = Math.max(1, Math.floor((width + columnGap) / (minCardWidth + columnGap)));
  const cardWidth = (width - (columns - 1) * columnGap) / columns;
  const stride = measured > 0 ? measured : Math.max(1, guessRowHeight(cardWidth));
  const rows = Math.ceil(count / columns);
  const [range, setRange] = useState({ from: 0, to: -1 });

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const update = () => {
      const rect = element.getBoundingClientRect();
      const next = visibleRange(-rect.top, window.innerHeight, rows, stride, OVERSCAN_ROWS);
      setRange((r) =>
        r.from === next.from && r.to === next.to ? r : { from: next.from, to: next.to },
      );
      setWidth((w) => (w === element.clientWidth ? w : element.clientWidth));
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    const resize = new ResizeObserver(update);
    resize.observe(element);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
      resize.disconnect();
    };
  }, [box, rows, stride]);

  // one drawn row tells the real height (fonts, clamps, zoom); rows of the grid all match it
  const measure = useCallback((list: HTMLElement | null) => {
    const card = list?.firstElementChild as HTMLElement | null | undefined;
    if (!list || !card) return;
    const gap = parseFloat(getComputedStyle(list).rowGap) || 0;
    const next = Math.round(card.offsetHeight + gap);
    if (next > 0) setMeasured((m) => (Math.abs(m - next) < 1 ? m : next));
  }, []);

  return { columns, stride, from: range.from, to: Math.min(range.to, rows - 1), measure };
}
