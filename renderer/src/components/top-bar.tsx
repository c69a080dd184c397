// The header outside the player: the product name and the two global actions.
import { useTranslation } from 'react-i18next';
import { setOpenDialog, setSettingsDialog, showView } from '../store/app-store';
import { OpenIcon, SettingsIcon } from './common/icons';

export function TopBar() {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <button
        type="button"
        className="brand"
        onClick={() => showView({ name: 'home' })}
        aria-label={t('nav.home')}
      >
        <img src="./icon.svg" alt="" className="brand__mark" />
        <span className="brand__name">Essaim</span>
      </button>
      <div className="top-bar__actions">
        <button
          type="button"
          className="button"
          data-testid="open-button"
          aria-keyshortcuts="Control+O Meta+O"
          onClick={() => setOpenDialog(true)}
        >
          <OpenIcon />
          {t('nav.open')}
        </button>
        <button
          type="button"
          className="button button--ghost"
          data-testid="settings-button"
          onClick={() => setSettingsDialog(true)}
        >
          <SettingsIcon />
          {t('nav.settings')}
        </button>
      </div>
    </header>
  );
}
