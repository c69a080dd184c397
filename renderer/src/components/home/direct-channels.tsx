// Direct channels from the user's M3U lists: grouped by the list's groups (with a filter), each
// marked "Direct (not P2P)" with what is on now and next from its guide. Names and titles are
// shown as text only. Watching one opens the live player through the engine's relay.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ChannelGuide } from '../../../../shared/domain';
import { askGuide, openDirectChannel } from '../../store/actions';
import { Poster } from '../common/poster';

/** Cards drawn at once; a list of thousands shows more on demand. */
const PAGE = 200;
/** The guide is asked again this often, so "now" moves on while the tab is open. */
const GUIDE_EVERY_MS = 60_000;

export function DirectChannels({ channels }: { channels: Channel[] }) {
  const { t } = useTranslation();
  const [group, setGroup] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const groups = useMemo(
    () => [...new Set(channels.map((c) => c.group ?? ''))].sort((a, b) => a.localeCompare(b)),
    [channels],
  );
  const filtered = useMemo(
    () => (group === '' ? channels : channels.filter((c) => (c.group ?? '') === group.slice(1))),
    [channels, group],
  );
  const shown = filtered.slice(0, limit);
  const guide = useGuide(shown.filter((c) => c.guide !== undefined).map((c) => c.id));
  const sections = useMemo(() => bySection(shown), [shown]);

  return (
    <section
      aria-labelledby="direct-channels-heading"
      className="shelf"
      data-testid="direct-channels"
    >
      <div className="direct-channels__top">
        <h2 id="direct-channels-heading" className="shelf__heading">
          {t('channels.directHeading')}
        </h2>
        {groups.length > 1 && (
          <label className="direct-channels__filter">
            {t('channels.group')}{' '}
            <select
              value={group}
              data-testid="channel-group-filter"
              onChange={(event) => {
                setGroup(event.target.value);
                setLimit(PAGE);
              }}
            >
              <option value="">{t('channels.allGroups')}</option>
              {groups.map((g) => (
                <option key={g} value={`=${g}`}>
                  {g === '' ? t('channels.noGroup') : g}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted">{t('channels.directHint')}</p>
      {sections.map(([name, list]) => (
        <div key={name} className="direct-channels__group">
          {groups.length > 1 && (
            <h3 className="direct-channels__group-name">{name || t('channels.noGroup')}</h3>
          )}
          <ul className="card-grid card-grid--channels">
            {list.map((channel) => (
              <DirectCard
                key={channel.id}
                channel={channel}
                guide={guide?.get(channel.id)}
                loading={guide === null}
              />
            ))}
          </ul>
        </div>
      ))}
      {filtered.length > shown.length && (
        <p>
          <span className="muted">
            {t('channels.shown', { shown: shown.length, total: filtered.length })}
          </span>{' '}
          <button type="button" className="button" onClick={() => setLimit((n) => n + PAGE)}>
            {t('channels.showMore', { count: Math.min(PAGE, filtered.length - shown.length) })}
          </button>
        </p>
      )}
    </section>
  );
}

function DirectCard({
  channel,
  guide,
  loading,
}: {
  channel: Channel;
  guide: ChannelGuide | undefined;
  loading: boolean;
}) {
  const { t, i18n } = useTranslation();
  const time = (ms: number) =>
    new Date(ms).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <li className="channel-card" data-testid="direct-channel-card">
      {/* the logo comes from the engine's artwork cache (catalog:get rewrites it); the window
          never loads a list's logo from the internet itself */}
      <Poster src={channel.logo} name={channel.name} className="channel-card__logo" />
      <div>
        <h3 className="channel-card__name">{channel.name}</h3>
        <p className="channel-card__direct" data-testid="channel-direct-mark">
          {t('channels.direct')}
        </p>
        {guide?.now && (
          <p className="channel-card__now" data-testid="channel-now" title={guide.now.description}>
            {t('channels.now', { title: guide.now.title })}
          </p>
        )}
        {guide?.next && (
          <p className="muted" data-testid="channel-next">
            {t('channels.next', { title: guide.next.title, time: time(guide.next.start) })}
          </p>
        )}
        {loading && channel.guide !== undefined && (
          <p className="muted">{t('channels.guideLoading')}</p>
        )}
        <button
          type="button"
          className="button button--primary"
          data-testid="channel-watch"
          onClick={() => void openDirectChannel(channel.id, channel.name)}
        >
          {t('channels.watch', { name: channel.name })}
        </button>
      </div>
    </li>
  );
}

/** Channels in their groups, groups in order (the unnamed group last). */
function bySection(channels: Channel[]): Array<[string, Channel[]]> {
  const map = new Map<string, Channel[]>();
  for (const channel of channels) {
    const key = channel.group ?? '';
    const list = map.get(key);
    if (list) list.push(channel);
    else map.set(key, [channel]);
  }
  return [...map.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
}

/** null while the first answer is awaited, then channel id -> now/next. */
function useGuide(ids: string[]): Map<string, ChannelGuide> | null {
  const [guide, setGuide] = useState<Map<string, ChannelGuide> | null>(null);
  const key = ids.join('\n');
  useEffect(() => {
    if (key === '') return;
    let alive = true;
    const ask = () =>
      void askGuide(key.split('\n')).then((answer) => {
        if (alive) setGuide(new Map(answer.map((g) => [g.channelId, g])));
      });
    ask();
    const timer = setInterval(ask, GUIDE_EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [key]);
  return key === '' ? NO_GUIDE : guide;
}

const NO_GUIDE = new Map<string, ChannelGuide>();
