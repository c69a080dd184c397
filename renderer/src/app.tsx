// The window's shell: picks the screen from the store and hosts what floats above every screen
// (dialogs, notices, connection banner, drop overlay, global shortcuts).
import { useEffect } from 'react';
import { DetailsScreen } from './components/details/details-screen';
import { HomeScreen } from './components/home/home-screen';
import { ItemScreen } from './components/library/item-screen';
import { LivePlayer } from './components/live/live-player';
import { RemoveDialog } from './components/library/remove-dialog';
import { ConnectionBanner } from './components/notices/connection-banner';
import { NoticeArea } from './components/notices/notice-area';
import { DropOverlay } from './components/open/drop-overlay';
import { OpenDialog } from './components/open/open-dialog';
import { PlayerView } from './components/player/player-view';
import { SettingsDialog } from './components/settings/settings-dialog';
import { TopBar } from './components/top-bar';
import { setOpenDialog, useAppStore } from './store/app-store';

export function App() {
  const view = useAppStore((s) => s.view);
  const playback = useAppStore((s) => s.playback);
  const live = useAppStore((s) => s.live);
  const openDialog = useAppStore((s) => s.openDialog);
  const settingsDialog = useAppStore((s) => s.settingsDialog);
  const removeItemId = useAppStore((s) => s.removeItemId);
  useOpenShortcut();
  useEffect(() => {
    // each screen starts at its top, like a new page would
    window.scrollTo(0, 0);
  }, [view]);

  const inLive = view.name === 'live' && live !== null;
  const inPlayer = (view.name === 'player' && playback !== null) || inLive;
  return (
    <div className={inPlayer ? 'app app--player' : 'app'}>
      <ConnectionBanner />
      {!inPlayer && <TopBar />}
      <main className="main">
        {inLive ? (
          <LivePlayer key={live.id} live={live} />
        ) : inPlayer && playback ? (
          <PlayerView key={playback.id} playback={playback} />
        ) : view.name === 'details' ? (
          <DetailsScreen titleId={view.titleId} />
        ) : view.name === 'item' ? (
          <ItemScreen itemId={view.itemId} />
        ) : (
          <HomeScreen />
        )}
      </main>
      <NoticeArea />
      {openDialog && <OpenDialog />}
      {settingsDialog && <SettingsDialog />}
      {/* keyed so each item's confirmation starts fresh */}
      {removeItemId && !inPlayer && <RemoveDialog key={removeItemId} itemId={removeItemId} />}
      <DropOverlay />
    </div>
  );
}

/** Ctrl+O (Cmd+O on macOS) opens the Open dialog from anywhere, like a desktop app. */
function useOpenShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'o') {
        event.preventDefault(); // the browser's own "open file" would leave the app
        setOpenDialog(true);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
