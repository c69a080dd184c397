// Live swarm figures while watching: peers, download and upload speed, total shared with others.
// stat-uploaded keeps the raw byte count in data-bytes for tools that need the exact number.
import { useTranslation } from 'react-i18next';
import type { TorrentStats } from '../../../../shared/domain';
import { useFormat } from '../../lib/use-format';

export function PlayerStats({ stats }: { stats: TorrentStats | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const uploaded = stats?.uploaded ?? 0;

  return (
    <dl className="player-stats" aria-label={t('player.stats.label')}>
      <div>
        <dt>{t('player.stats.peers')}</dt>
        <dd data-testid="stat-peers">{format.number(stats?.peers ?? 0)}</dd>
      </div>
      <div>
        <dt>{t('player.stats.download')}</dt>
        <dd data-testid="stat-download-speed">{format.speed(stats?.downloadSpeed ?? 0)}</dd>
      </div>
      <div>
        <dt>{t('player.stats.upload')}</dt>
        <dd data-testid="stat-upload-speed">{format.speed(stats?.uploadSpeed ?? 0)}</dd>
      </div>
      <div>
        <dt>{t('player.stats.uploaded')}</dt>
        <dd data-testid="stat-uploaded" data-bytes={Math.round(uploaded)}>
          {format.bytes(uploaded)}
        </dd>
      </div>
    </dl>
  );
}
