// Watching live channels (P2P channels and the direct channels of the user's lists), and the
// questions about them: what is on now and next, which ones are on air.
import type { CommandOutput } from '../../../shared/api';
import type { ChannelGuide } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { useAppStore, type View } from './app-store';
import { invoke } from './engine-calls';

let liveToken = 0;

/** Starts watching a live channel; the live view shows at once and fills in when the engine answers. */
export function openChannel(link: string, label: string): Promise<void> {
  return openLive(label, false, () => invoke('live:open', { link }));
}

/** Starts watching a direct channel of the user's lists, relayed by the engine. */
export function openDirectChannel(channelId: string, label: string): Promise<void> {
  return openLive(label, true, () => invoke('channels:open', { channelId }));
}

async function openLive(
  label: string,
  direct: boolean,
  start: () => Promise<Result<CommandOutput<'live:open'>>>,
): Promise<void> {
  const { view, live } = useAppStore.getState();
  if (live?.session) void invoke('live:stop', { sessionId: live.session.sessionId });
  const back: View = view.name === 'live' || view.name === 'player' ? view.back : view;
  const token = ++liveToken;
  useAppStore.setState({
    view: { name: 'live', back },
    live: { id: token, label, session: null, status: null, error: null, direct },
    openDialog: false,
  });
  const result = await start();
  const current = useAppStore.getState().live;
  if (token !== liveToken || !current) {
    if (result.ok) void invoke('live:stop', { sessionId: result.value.sessionId });
    return;
  }
  useAppStore.setState({
    live: result.ok
      ? { ...current, session: result.value, label: current.label || result.value.name }
      : { ...current, error: result.error },
  });
}

export function leaveLive(): void {
  const { live, view } = useAppStore.getState();
  liveToken++;
  if (live?.session) void invoke('live:stop', { sessionId: live.session.sessionId });
  useAppStore.setState({ live: null, view: view.name === 'live' ? view.back : view });
}

/** What is on each direct channel now and next; an unanswered question gives nothing. */
export async function askGuide(channelIds: string[]): Promise<ChannelGuide[]> {
  if (channelIds.length === 0) return [];
  const result = await invoke('channels:guide', { channelIds });
  return result.ok ? result.value : [];
}

/** Whether each channel is on air now; an unanswered question counts as "not known". */
export async function probeChannels(
  links: string[],
): Promise<Record<string, 'on-air' | 'off-air'>> {
  const result = await invoke('live:probe', { links });
  if (!result.ok) return {};
  return Object.fromEntries(
    result.value
      .filter((r) => r.state !== 'connecting')
      .map((r) => [r.link, r.state as 'on-air' | 'off-air']),
  );
}
