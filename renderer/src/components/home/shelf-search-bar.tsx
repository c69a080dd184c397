// The shelf's search box, filters (kind, genre, decade) and order. Results follow as the user
// types: a burst of keystrokes is coalesced, a single one answers at once. "/" or Ctrl+F puts the
// cursor in the box; Escape clears it (and, when already empty, leaves it).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KindFilter, ShelfIndex, SortOrder } from '../../lib/shelf-search';
import { setShelfQuery, useAppStore } from '../../store/app-store';

/** Keystrokes closer together than this are one burst: only its last one searches. */
const BURST_MS = 60;
const KINDS: KindFilter[] = ['all', 'film', 'series'];
const SORTS: SortOrder[] = ['relevance', 'name', 'year', 'added'];

/** `index` is null for the moment the shelf's index is being built: the box already takes keys. */
export function ShelfSearchBar({ index }: { index: ShelfIndex | null }) {
  const { t } = useTranslation();
  const query = useAppStore((s) => s.shelfQuery);
  const [text, setText] = useState(query.text);
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastKey = useRef(0);
  useSearchShortcut(input);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onText = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    const now = performance.now();
    if (now - lastKey.current > BURST_MS) setShelfQuery({ text: value });
    else timer.current = setTimeout(() => setShelfQuery({ text: value }), BURST_MS);
    lastKey.current = now;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (text === '') input.current?.blur();
    else onText('');
  };

  return (
    <div role="search" className="shelf-search" aria-label={t('shelf.searchLabel')}>
      <input
        ref={input}
        type="search"
        className="shelf-search__input"
        data-testid="shelf-search"
        placeholder={t('shelf.searchPlaceholder')}
        aria-label={t('shelf.searchLabel')}
        aria-keyshortcuts="/ Control+F"
        value={text}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      <label className="shelf-search__filter">
        <span>{t('shelf.kind')}</span>
        <select
          data-testid="filter-kind"
          value={query.kind}
          onChange={(e) => setShelfQuery({ kind: e.target.value as KindFilter })}
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`shelf.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      {index && index.genres.length > 0 && (
        <label className="shelf-search__filter">
          <span>{t('shelf.genre')}</span>
          <select
            data-testid="filter-genre"
            value={query.genre}
            onChange={(e) => setShelfQuery({ genre: e.target.value })}
          >
            <option value="">{t('shelf.anyGenre')}</option>
            {index.genres.map((genre) => (
              <option key={genre} value={genre}>
                {genre}
              </option>
            ))}
          </select>
        </label>
      )}
      {index && index.decades.length > 0 && (
        <label className="shelf-search__filter">
          <span>{t('shelf.decade')}</span>
          <select
            data-testid="filter-decade"
            value={query.decade ?? ''}
            onChange={(e) =>
              setShelfQuery({ decade: e.target.value === '' ? null : Number(e.target.value) })
            }
          >
            <option value="">{t('shelf.anyYear')}</option>
            {index.decades.map((decade) => (
              <option key={decade} value={decade}>
                {t('shelf.decadeName', { decade })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="shelf-search__filter">
        <span>{t('shelf.sort')}</span>
        <select
          data-testid="sort"
          value={query.sort}
          onChange={(e) => setShelfQuery({ sort: e.target.value as SortOrder })}
        >
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`shelf.sorts.${sort}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** "/" (outside a text field) or Ctrl+F / Cmd+F: the search box, as on the web. */
function useSearchShortcut(input: React.RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const typing = target?.matches('input, select, textarea, [contenteditable]') ?? false;
      const slash =
        event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
      const find =
        (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f';
      if (!slash && !find) return;
      if (document.querySelector('dialog[open]')) return; // a dialog owns the keys
      event.preventDefault(); // the browser's own find bar would search only what is drawn
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [input]);
}
