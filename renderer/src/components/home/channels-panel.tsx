// The Channels tab: live channels from the catalogs, or plain words on why there are none yet.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store';
import { Poster } from '../common/poster';

export function ChannelsPanel() {
  const { t } = useTranslation();
  const channels = useAppStore((s) => s.catalog?.channels ?? null);

  if (channels === null) return <p className="muted">{t('home.loadingCatalog')}</p>;
  if (channels.length === 0) {
    return (
      <div className="empty-state">
        <h2>{t('channels.emptyTitle')}</h2>
        <p>{t('channels.emptyBody')}</p>
      </div>
    );
  }
  return (
    <section aria-labelledby="channels-heading" className="shelf">
      <h2 id="channels-heading" className="shelf__heading">
        {t('channels.heading')}
      </h2>
      <p className="muted">{t('channels.notYet')}</p>
      <ul className="card-grid card-grid--channels">
        {channels.map((channel) => (
          <li key={channel.id} className="channel-card">
            <Poster src={channel.logo} name={channel.name} className="channel-card__logo" />
            <div>
              <h3 className="channel-card__name">{channel.name}</h3>
              {channel.description && <p className="muted">{channel.description}</p>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
