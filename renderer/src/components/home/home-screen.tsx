// The home screen: two tabs, Titles (library row + catalog grid) and Channels.
// Tabs follow the WAI-ARIA pattern: arrow keys move between them, Tab goes into the panel.
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setHomeTab, useAppStore, type AppState } from '../../store/app-store';
import { ChannelsPanel } from './channels-panel';
import { TitlesPanel } from './titles-panel';

type Tab = AppState['homeTab'];
const TABS: Tab[] = ['titles', 'channels'];

export function HomeScreen() {
  const { t } = useTranslation();
  const tab = useAppStore((s) => s.homeTab);
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.indexOf(tab);
    let next: Tab | undefined;
    if (event.key === 'ArrowRight') next = TABS[(index + 1) % TABS.length];
    else if (event.key === 'ArrowLeft') next = TABS[(index - 1 + TABS.length) % TABS.length];
    else if (event.key === 'Home') next = TABS[0];
    else if (event.key === 'End') next = TABS[TABS.length - 1];
    if (!next) return;
    event.preventDefault();
    setHomeTab(next);
    refs.current[next]?.focus();
  };

  return (
    <section className="home" data-testid="home" aria-labelledby="home-heading">
      <h1 id="home-heading" className="visually-hidden">
        {t('home.heading')}
      </h1>
      <div
        className="tabs"
        role="tablist"
        aria-label={t('home.sections')}
        onKeyDown={onKeyDown}
        tabIndex={-1}
      >
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              refs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${name}`}
            className="tab"
            data-testid={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setHomeTab(name)}
          >
            {t(`home.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'titles' ? <TitlesPanel /> : <ChannelsPanel />}
      </div>
    </section>
  );
}
