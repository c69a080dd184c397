// The shelf's titles as a grid that draws only the rows the page shows (plus a few), so 10,000
// titles scroll as smoothly as ten. The list keeps its real length for screen readers (aria-setsize).
import { useLayoutEffect, useRef } from 'react';
import type { Title } from '../../../../shared/domain';
import { TitleCard } from './title-card';
import { useWindowGrid } from './use-window-grid';

const MIN_CARD_WIDTH = 180;
const COLUMN_GAP = 20;
/** poster (2:3) plus the card's text block, until a drawn card gives the real figure */
const guessRowHeight = (cardWidth: number) => cardWidth * 1.5 + 160;

export function TitleGrid({ titles, label }: { titles: readonly Title[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const grid = useWindowGrid(box, {
    count: titles.length,
    minCardWidth: MIN_CARD_WIDTH,
    columnGap: COLUMN_GAP,
    guessRowHeight,
  });
  const rows = Math.ceil(titles.length / grid.columns);
  const first = Math.max(0, grid.from) * grid.columns;
  const last = Math.min(titles.length, (grid.to + 1) * grid.columns);
  const { measure } = grid;
  useLayoutEffect(() => measure(list.current));

  return (
    <div
      ref={box}
      className="title-grid"
      style={{ height: rows * grid.stride }}
      data-testid="title-grid"
      data-count={titles.length}
    >
      <ul
        ref={list}
        className="card-grid card-grid--windowed"
        aria-label={label}
        style={{
          transform: `translateY(${Math.max(0, grid.from) * grid.stride}px)`,
          gridTemplateColumns: `repeat(${grid.columns}, minmax(0, 1fr))`,
          columnGap: COLUMN_GAP,
        }}
      >
        {titles.slice(first, last).map((title, i) => (
          <TitleCard
            key={title.id}
            title={title}
            position={first + i + 1}
            setSize={titles.length}
          />
        ))}
      </ul>
    </div>
  );
}
