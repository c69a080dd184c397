// Entry point: language, bridge, store wiring, then the React tree. Nothing else happens here.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { selectBridge } from './bridge/select-bridge';
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
import './styles/player-status.css';

setupI18n();
applyLanguage('en');
useAppStore.subscribe((state, previous) => {
  const language = state.settings?.language;
  if (language && language !== previous.settings?.language) applyLanguage(language);
});
connectStore(selectBridge());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
