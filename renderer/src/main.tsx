// Entry point: language, bridge, store wiring, then the React tree. Nothing else happens here.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { selectBridge } from './bridge/select-bridge';
import { chooseLanguage } from './i18n/choose-language';
import { applyLanguage, setupI18n } from './i18n/setup';
import { connectStore } from './store/actions';
import { useAppStore } from './store/app-store';
import './styles/base.css';
import './styles/layout.css';
import './styles/home.css';
import './styles/library.css';
import './styles/details.css';
import './styles/dialogs.css';
import './styles/player.css';
import './styles/media.css';
import './styles/player-status.css';
import './styles/live.css';
import './styles/shelf.css';

const connection = selectBridge();
// Electron's preload knows the OS's list; a browser's own list is the user's choice there
const systemLanguages = connection.bridge.systemLanguages ?? navigator.languages;
setupI18n();
// the system's language from the first frame, before the saved settings arrive
applyLanguage(chooseLanguage(undefined, systemLanguages));
useAppStore.subscribe((state, previous) => {
  const language = state.settings?.language;
  if (language && language !== previous.settings?.language)
    applyLanguage(chooseLanguage(language, systemLanguages));
});
connectStore(connection);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
