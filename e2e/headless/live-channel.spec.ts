// A live channel end to end: the built broadcaster on an ffmpeg-made clip, the built headless app
// with a catalog naming the channel, real Chromium. The channel is listed on air, plays with sound
// across several segments, and shows off air once the broadcaster stops.
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestVideo } from '../../electron/engine/test-support/media.js';
import { launchHeadless, type HeadlessApp } from '../support/headless-app.js';
import { startLiveBroadcast, type LiveBroadcast } from '../support/live-broadcast.js';

interface LiveVideo {
  currentTime: number;
  paused: boolean;
  muted: boolean;
  volume: number;
  error: { code: number } | null;
  webkitAudioDecodedByteCount?: number;
}

const readVideo = (page: Page) =>
  page.getByTestId('live-video').evaluate((element) => {
    const v = element as unknown as LiveVideo;
    return {
      currentTime: v.currentTime,
      paused: v.paused,
      muted: v.muted,
      volume: v.volume,
      error: v.error ? v.error.code : null,
      audioBytes: v.webkitAudioDecodedByteCount ?? -1,
    };
  });

let dir: string;
let broadcast: LiveBroadcast | undefined;
let app: HeadlessApp | undefined;

test.beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-e2e-live-'));
});

// eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument
test.afterEach(async ({}, testInfo) => {
  // the app's own log says why, when a run fails
  if (testInfo.status !== testInfo.expectedStatus) console.log(app?.log());
  await app?.stop();
  await broadcast?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('a channel from the catalog plays live with sound, then shows off air when it stops', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const clip = await makeTestVideo(dir, { seconds: 6, bitrateKbps: 400 });
  broadcast = await startLiveBroadcast(clip, join(dir, 'channel'), 'Loopback TV');
  const catalog = join(dir, 'channels.json');
  await writeFile(
    catalog,
    JSON.stringify({
      format: 'essaim-catalog',
      version: 1,
      name: 'Live test',
      titles: [],
      channels: [{ id: 'loopback-tv', name: 'Loopback TV', link: broadcast.link }],
    }),
  );
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`window: ${message.text()}`);
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  app = await launchHeadless(['--data-dir', join(dir, 'data'), '--catalog', catalog]);
  await page.goto(app.url);

  await page.getByRole('tab', { name: /channels/i }).click();
  const card = page.getByTestId('channel-card').filter({ hasText: 'Loopback TV' });
  await expect(card.getByTestId('channel-state')).toHaveText('On air', { timeout: 30_000 });
  await card.getByTestId('channel-watch').click();

  await expect(page.getByTestId('live-badge')).toHaveText('LIVE');
  // several 2 s segments go by: the picture keeps moving
  await expect
    .poll(async () => (await readVideo(page)).currentTime, { timeout: 60_000 })
    .toBeGreaterThan(1);
  const first = (await readVideo(page)).currentTime;
  await expect
    .poll(async () => (await readVideo(page)).currentTime, { timeout: 60_000 })
    .toBeGreaterThan(first + 6);
  const playing = await readVideo(page);
  expect(playing).toMatchObject({ paused: false, muted: false, error: null });
  expect(playing.volume).toBeGreaterThan(0);
  // the sound track is decoded, not just present
  expect(playing.audioBytes).toBeGreaterThan(0);
  await expect(page.getByTestId('live-behind')).toBeVisible();
  await expect(page.getByTestId('live-peers')).toBeVisible();

  await broadcast.stop();
  await expect(page.getByTestId('live-off-air')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('live-off-air')).toContainText('Off air');
  expect(violations).toEqual([]);
});

test('a channel link pasted in Open… plays; a damaged one is refused in plain words', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const clip = await makeTestVideo(dir, { seconds: 6, bitrateKbps: 400 });
  broadcast = await startLiveBroadcast(clip, join(dir, 'channel'), 'Pasted TV');
  app = await launchHeadless(['--data-dir', join(dir, 'data')]);
  await page.goto(app.url);

  await page.getByTestId('open-button').click();
  const input = page.getByTestId('open-input');
  await input.fill(broadcast.link.replace(/pk=[^&]+/, 'pk=damaged'));
  await expect(page.getByTestId('open-dialog')).toContainText(
    'The key in this channel link is not valid.',
  );
  await input.fill(broadcast.link);
  await page.getByTestId('open-submit').click();

  await expect(page.getByTestId('live-badge')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Pasted TV' })).toBeVisible();
  await expect
    .poll(async () => (await readVideo(page)).currentTime, { timeout: 60_000 })
    .toBeGreaterThan(2);
  // pause, then go back to live: playback goes on from near the live edge
  await page.getByTestId('live-video').evaluate((v) => (v as unknown as { pause(): void }).pause());
  await page.getByTestId('live-go-live').click();
  await expect.poll(async () => (await readVideo(page)).paused).toBe(false);
});

test('a channel link on the command line plays in the window that connects later', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const clip = await makeTestVideo(dir, { seconds: 6, bitrateKbps: 400 });
  broadcast = await startLiveBroadcast(clip, join(dir, 'channel'), 'Argument TV');
  app = await launchHeadless(['--data-dir', join(dir, 'data'), broadcast.link]);
  await page.goto(app.url);
  await expect(page.getByTestId('live-badge')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Argument TV' })).toBeVisible();
  await expect
    .poll(async () => (await readVideo(page)).currentTime, { timeout: 60_000 })
    .toBeGreaterThan(1);
});
