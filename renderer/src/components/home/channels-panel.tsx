// The Channels tab: live channels from the catalogs with their logo and whether they are on air
// now, direct channels from the user's lists beside them, or plain words on why there are none
// yet. Watching one opens the live player.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { openChannel, probeChannels } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { Poster } from '../common/poster';
import { DirectChannels } from './direct-channels';

/** How often the on-air marks are checked again while the tab is showing. */
const PROBE_EVERY_MS = 15_000;

export function ChannelsPanel() {
  const { t } = useTranslation();
  const all = useAppStore((s) => s.catalog?.channels ?? null);
  const channels = useMemo(() => all?.filter((c) => c.link !== undefined) ?? null, [all]);
  const direct = useMemo(() => all?.filter((c) => c.direct !== undefined) ?? [], [all]);
  const states = useAirStates(channels?.map((c) => c.link ?? '') ?? []);

  if (channels === null) return <p className="muted">{t('home.loadingCatalog')}</p>;
  if (channels.length === 0 && direct.length === 0) {
    return (
      <div className="empty-state">
        <h2>{t('channels.emptyTitle')}</h2>
        <p>{t('channels.emptyBody')}</p>
      </div>
    );
  }
  if (channels.length === 0) return <DirectChannels channels={direct} />;
  return (
    <>
      <section aria-labelledby="channels-heading" className="shelf">
        <h2 id="channels-heading" className="shelf__heading">
          {direct.length > 0 ? t('channels.p2pHeading') : t('channels.heading')}
        </h2>
        <ul className="card-grid card-grid--channels">
          {channels.map((channel) => {
            const link = channel.link ?? '';
            const state = states[link];
            return (
              <li key={channel.id} className="channel-card" data-testid="channel-card">
                <Poster src={channel.logo} name={channel.name} className="channel-card__logo" />
                <div>
                  <h3 className="channel-card__name">{channel.name}</h3>
                  <p
                    className={`channel-card__state channel-card__state--${state ?? 'unknown'}`}
                    data-testid="channel-state"
                  >
                    {state === 'on-air'
                      ? t('channels.onAir')
                      : state === 'off-air'
                        ? t('channels.offAir')
                        : t('channels.checking')}
                  </p>
                  {channel.description && <p className="muted">{channel.description}</p>}
                  <button
                    type="button"
                    className="button button--primary"
                    data-testid="channel-watch"
                    onClick={() => void openChannel(link, channel.name)}
                  >
                    {t('channels.watch', { name: channel.name })}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      {direct.length > 0 && <DirectChannels channels={direct} />}
    </>
  );
}

function useAirStates(links: string[]): Record<string, 'on-air' | 'off-air'> {
  const [states, setStates] = useState<Record<string, 'on-air' | 'off-air'>>({});
  const key = links.join('\n');
  useEffect(() => {
    if (key === '') return;
    let alive = true;
    const check = () =>
      void probeChannels(key.split('\n')).then((next) => {
        if (alive) setStates(next);
      });
    check();
    const timer = setInterval(check, PROBE_EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [key]);
  return states;
}
