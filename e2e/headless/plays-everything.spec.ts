// Films browsers fail on silently, from a loopback swarm into Debian's Chromium (no AC3, no
// HEVC decoder): the sound is converted and heard, HEVC is transcoded and seen, a seek in a
// converted film lands on time, the sound track can be switched, and subtitles (inside the file
// or beside it in the torrent) are on screen at their time. Media is made by ffmpeg in this run.
import type { Page } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { countingSrt, makeFilm } from '../../electron/engine/test-support/film-media.js';
import { startFilmSwarm, type FilmSwarm } from '../support/film-swarm.js';
import { expect, test } from '../support/fixtures.js';
import { decoded, dominantFrequency, listenToPlayer } from '../support/media-page.js';

const swarms: FilmSwarm[] = [];
test.afterEach(async () => {
  await Promise.allSettled(swarms.splice(0).map((s) => s.close()));
});

async function share(path: string, dir: string): Promise<FilmSwarm> {
  const swarm = await startFilmSwarm(path, dir);
  swarms.push(swarm);
  return swarm;
}

/** Opens a magnet from the Open dialog; resolves with the time it took to the first frame. */
async function openAndPlay(page: Page, magnet: string): Promise<number> {
  await expect(page.getByTestId('home')).toBeVisible();
  await page.getByTestId('open-button').click();
  await page.getByTestId('open-input').fill(magnet);
  const started = Date.now();
  await page.getByTestId('open-submit').click();
  await expect(page.getByTestId('player')).toBeVisible();
  await expect
    .poll(async () => (await decoded(page)).currentTime, { timeout: 60_000 })
    .toBeGreaterThan(0);
  return Date.now() - started;
}

/** Seeks with the element itself and says where it landed and how long a picture there took. */
async function seekTo(page: Page, target: number): Promise<{ landed: number; ms: number }> {
  const started = Date.now();
  await page.getByTestId('player-video').evaluate((element, at) => {
    (element as unknown as { currentTime: number }).currentTime = at;
  }, target);
  await expect
    .poll(async () => (await decoded(page)).currentTime, { timeout: 30_000 })
    .toBeGreaterThan(target + 0.2);
  const ms = Date.now() - started;
  return { landed: (await decoded(page)).currentTime, ms };
}

test('an H.264 + AAC film plays as it is, with nothing converted', async ({
  page,
  launchApp,
  swarm,
}) => {
  const app = await launchApp();
  await page.goto(app.url);
  const ttff = await openAndPlay(page, swarm.magnet);
  await expect
    .poll(async () => (await decoded(page)).audioBytes, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('conversion-note')).toHaveCount(0);
  // the window plays the engine's stream itself, not a converted feed
  const src = await page
    .getByTestId('player-video')
    .evaluate((v) => (v as unknown as { currentSrc: string }).currentSrc);
  expect(src).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[^/]+\/stream\//);
  const seek = await seekTo(page, 40);
  expect(Math.abs(seek.landed - 40)).toBeLessThan(1.5);
  console.log(`direct: first frame ${ttff} ms after Open; seek to 40 s playing in ${seek.ms} ms`);
});

test('an H.264 + AC3 5.1 film plays with its sound, and a seek lands on time', async ({
  page,
  launchApp,
  workDir,
}) => {
  const film = await makeFilm(workDir, {
    name: 'Ac3 Film.mkv',
    seconds: 40,
    audio: [{ codec: 'ac3', frequency: 440, channels: 6 }],
  });
  const swarm = await share(film, workDir);
  const app = await launchApp();
  await page.goto(app.url);
  const ttff = await openAndPlay(page, swarm.magnet);

  await expect(page.getByTestId('conversion-note')).toHaveText(
    'Converting the sound for this player',
  );
  await expect
    .poll(async () => (await decoded(page)).audioBytes, { timeout: 30_000 })
    .toBeGreaterThan(0);
  const state = await decoded(page);
  // the real duration, from the probe, not what happens to be buffered
  expect(state.duration).toBeCloseTo(40, 0);
  expect(state.error).toBeNull();

  const seek = await seekTo(page, 30);
  expect(Math.abs(seek.landed - 30)).toBeLessThan(1.5);
  const after = await decoded(page);
  expect(after.error).toBeNull();
  console.log(
    `audio converted: first frame ${ttff} ms after Open; seek to 30 s playing in ${seek.ms} ms`,
  );
});

test('an MP4 started as it is switches to converted sound when it holds AC3', async ({
  page,
  launchApp,
  workDir,
}) => {
  const film = await makeFilm(workDir, { name: 'Ac3 Film.mp4', seconds: 30 });
  const swarm = await share(film, workDir);
  const app = await launchApp();
  await page.goto(app.url);
  await openAndPlay(page, swarm.magnet);
  await expect(page.getByTestId('conversion-note')).toHaveText(
    'Converting the sound for this player',
  );
  await expect
    .poll(async () => (await decoded(page)).audioBytes, { timeout: 30_000 })
    .toBeGreaterThan(0);
  const state = await decoded(page);
  expect(state.duration).toBeCloseTo(30, 0);
  expect(state.error).toBeNull();
});

test('an HEVC film shows its picture in a browser without an HEVC decoder', async ({
  page,
  launchApp,
  workDir,
}) => {
  const film = await makeFilm(workDir, { name: 'Hevc Film.mkv', seconds: 30, video: 'hevc' });
  const swarm = await share(film, workDir);
  const app = await launchApp();
  await page.goto(app.url);
  const ttff = await openAndPlay(page, swarm.magnet);
  await expect(page.getByTestId('conversion-note')).toHaveText(
    'Converting the picture and sound for this player',
  );
  await expect
    .poll(async () => (await decoded(page)).frames, { timeout: 30_000 })
    .toBeGreaterThan(10);
  expect((await decoded(page)).width).toBe(320);
  const seek = await seekTo(page, 20);
  expect(Math.abs(seek.landed - 20)).toBeLessThan(1.5);
  console.log(
    `video transcoded: first frame ${ttff} ms after Open; seek to 20 s playing in ${seek.ms} ms`,
  );
});

test('the sound track can be switched while playing, keeping the moment', async ({
  page,
  launchApp,
  workDir,
}) => {
  const film = await makeFilm(workDir, {
    name: 'Two Tracks.mkv',
    seconds: 40,
    audio: [
      { codec: 'ac3', frequency: 440, channels: 6, language: 'eng', title: 'Director' },
      { codec: 'aac', frequency: 1760, language: 'fre', title: 'Doublage' },
    ],
  });
  const swarm = await share(film, workDir);
  const app = await launchApp();
  await page.goto(app.url);
  await openAndPlay(page, swarm.magnet);
  await listenToPlayer(page);
  await expect.poll(() => dominantFrequency(page), { timeout: 20_000 }).toBeGreaterThan(400);
  expect(await dominantFrequency(page)).toBeLessThan(500);
  await expect
    .poll(async () => (await decoded(page)).currentTime, { timeout: 20_000 })
    .toBeGreaterThan(3);
  const before = (await decoded(page)).currentTime;

  await page.getByTestId('tracks-button').click();
  const french = page.getByRole('radio', { name: /French · Doublage/ });
  await expect(page.getByRole('radio', { name: /English · Director · AC3 · 6 ch/ })).toBeChecked();
  await french.check();
  await expect.poll(() => dominantFrequency(page), { timeout: 20_000 }).toBeGreaterThan(1600);
  const after = await decoded(page);
  expect(after.currentTime).toBeGreaterThanOrEqual(before - 1);
  expect(after.currentTime).toBeLessThan(before + 10);
  expect(after.error).toBeNull();
});

test('an embedded default SRT track is on screen at its time', async ({
  page,
  launchApp,
  workDir,
}) => {
  const film = await makeFilm(workDir, {
    name: 'Subtitled.mkv',
    seconds: 30,
    audio: [{ codec: 'aac', frequency: 440 }],
    srt: { text: countingSrt(30) },
  });
  const swarm = await share(film, workDir);
  const app = await launchApp();
  await page.goto(app.url);
  await openAndPlay(page, swarm.magnet);
  // "Line N" is on screen from N-1 s to N s
  await expect.poll(() => lineMatchesTime(page), { timeout: 30_000 }).toBe(true);
  await expect
    .poll(async () => (await decoded(page)).currentTime, { timeout: 20_000 })
    .toBeGreaterThan(4);
  await expect.poll(() => lineMatchesTime(page), { timeout: 10_000 }).toBe(true);
});

test('a subtitle file beside the film in the torrent is offered and shown; the viewer can add one', async ({
  page,
  launchApp,
  workDir,
}) => {
  const folder = join(workDir, 'Side Film');
  await mkdir(folder, { recursive: true });
  await makeFilm(folder, {
    name: 'Side Film.mkv',
    seconds: 30,
    audio: [{ codec: 'aac', frequency: 440 }],
  });
  // Windows-1252, as many .srt files are: the accents must survive
  const latin1 = countingSrt(30, 'Café crème');
  await writeFile(join(folder, 'Side Film.en.srt'), Buffer.from(latin1, 'latin1'));
  const swarm = await share(folder, workDir);
  const app = await launchApp();
  await page.goto(app.url);
  await openAndPlay(page, swarm.magnet);

  await page.getByTestId('tracks-button').click();
  const sidecar = page.getByRole('radio', { name: /English · Side Film\.en\.srt · SRT/ });
  await expect(sidecar).toBeVisible();
  await sidecar.check();
  await expect(page.getByTestId('subtitles')).toContainText('Café crème', { timeout: 20_000 });
  await expect.poll(() => lineMatchesTime(page, 'Café crème'), { timeout: 10_000 }).toBe(true);
  // Escape closes the panel (not the player) and gives the focus back to its button
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tracks-panel')).toHaveCount(0);
  await expect(page.getByTestId('player')).toBeVisible();
  await expect(page.getByTestId('tracks-button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(sidecar).toBeFocused();

  // a file of the viewer's own, with markup that must stay inert text
  await page.getByTestId('subtitle-file-input').setInputFiles({
    name: 'mine.srt',
    mimeType: 'application/x-subrip',
    buffer: Buffer.from(
      '1\n00:00:00,000 --> 01:00:00,000\n<b onmouseover=alert(1)>Mine</b> & <script>x()</script>yours\n',
    ),
  });
  await expect(page.getByTestId('subtitles')).toHaveText('Mine & x()yours');
  expect(
    await page.locator('[data-testid="subtitles"] b, [data-testid="subtitles"] script').count(),
  ).toBe(0);

  // or dropped on the player: it is added, not opened as a torrent
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      DataTransfer: new () => { items: { add(f: unknown): void } };
      File: new (parts: string[], name: string) => unknown;
      DragEvent: new (type: string, init: unknown) => unknown;
      document: { body: { dispatchEvent(e: unknown): void } };
    };
    const data = new g.DataTransfer();
    data.items.add(new g.File(['1\n00:00:00,000 --> 01:00:00,000\nDropped here\n'], 'dropped.srt'));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      g.document.body.dispatchEvent(
        new g.DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    }
  });
  await expect(page.getByTestId('subtitles')).toHaveText('Dropped here');
  await expect(page.getByTestId('player')).toBeVisible();
});

/** The subtitle on screen is the one for the playhead's second ("<prefix> N" shows in [N-1, N)). */
async function lineMatchesTime(page: Page, prefix = 'Line'): Promise<boolean> {
  const { time, text } = await page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          querySelector(s: string): { textContent: string | null; currentTime?: number } | null;
        };
      }
    ).document;
    const video = doc.querySelector('[data-testid="player-video"]') as unknown as {
      currentTime: number;
    };
    return {
      time: video.currentTime,
      text: doc.querySelector('[data-testid="subtitles"]')?.textContent ?? '',
    };
  });
  const shown = Number(new RegExp(`${prefix} (\\d+)`).exec(text)?.[1]);
  // the text follows timeupdate (a few times a second): allow the neighbouring line
  return Number.isFinite(shown) && Math.abs(shown - (Math.floor(time) + 1)) <= 1;
}

test('without ffmpeg, a film that needs it says so and what to install', async ({
  page,
  launchApp,
  workDir,
}) => {
  const silent = await makeFilm(workDir, { name: 'Ac3 Only.mkv', seconds: 20 });
  const hevc = await makeFilm(workDir, { name: 'Hevc Only.mkv', seconds: 10, video: 'hevc' });
  const [silentSwarm, hevcSwarm] = [await share(silent, workDir), await share(hevc, workDir)];
  // nothing called ffmpeg or ffprobe can be found
  const app = await launchApp({ env: { PATH: '/nonexistent' } });
  await page.goto(app.url);

  // the picture plays; the sound cannot, and the player says why
  await openAndPlay(page, silentSwarm.magnet);
  await expect(page.getByTestId('ffmpeg-hint')).toContainText('ffmpeg was not found', {
    timeout: 30_000,
  });
  await page.keyboard.press('Escape');

  await page.getByTestId('open-button').click();
  await page.getByTestId('open-input').fill(hevcSwarm.magnet);
  await page.getByTestId('open-submit').click();
  await expect(page.getByRole('alert')).toContainText('Install ffmpeg', { timeout: 60_000 });
});

test('a converted film resumes where it stopped, with the subtitles, timing and size chosen for it', async ({
  page,
  launchApp,
  workDir,
}) => {
  const folder = join(workDir, 'Kept Film');
  await mkdir(folder, { recursive: true });
  await makeFilm(folder, { name: 'Kept Film.mkv', seconds: 40 });
  await writeFile(join(folder, 'Kept Film.fr.srt'), countingSrt(40, 'Ligne'));
  const swarm = await share(folder, workDir);
  const app = await launchApp();
  await page.goto(app.url);
  await openAndPlay(page, swarm.magnet);

  await page.getByTestId('tracks-button').click();
  await page.getByRole('radio', { name: /French · Kept Film\.fr\.srt/ }).check();
  await page.getByRole('button', { name: 'Show subtitles later' }).click();
  await page.getByRole('button', { name: 'Show subtitles later' }).click();
  await page.getByRole('radio', { name: 'Large' }).check();
  await expect(page.getByTestId('subtitle-offset')).toHaveText('1.0 s');
  await page.getByRole('button', { name: 'Close' }).click();

  await seekTo(page, 25);
  await page
    .getByTestId('player-video')
    .evaluate((v) => (v as unknown as { pause(): void }).pause());
  await page.waitForTimeout(1_000); // the pause report reaches the engine
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('home')).toBeVisible();

  const item = page.locator(`[data-testid="library-item"][data-item-id="${swarm.infoHash}"]`);
  await item.getByRole('button').first().click();
  await expect(page.getByTestId('player')).toBeVisible();
  await expect
    .poll(async () => (await decoded(page)).currentTime, { timeout: 30_000 })
    .toBeGreaterThan(23);
  // the remembered choice: that file, one second later, in large text ("Ligne N" shows from N s)
  await expect(page.getByTestId('subtitles')).toHaveClass(/subtitles--large/, { timeout: 20_000 });
  // paused, the text is exactly the one for the playhead (no timeupdate lag)
  await page
    .getByTestId('player-video')
    .evaluate((v) => (v as unknown as { pause(): void }).pause());
  await page.waitForTimeout(500);
  const { time, text } = await page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: { querySelector(s: string): { textContent: string | null } | null };
      }
    ).document;
    const video = doc.querySelector('[data-testid="player-video"]') as unknown as {
      currentTime: number;
    };
    return {
      time: video.currentTime,
      text: doc.querySelector('[data-testid="subtitles"]')?.textContent ?? '',
    };
  });
  // "Ligne N" is timed [N-1, N); shown one second later it is on screen over [N, N+1)
  expect(Number(/Ligne (\d+)/.exec(text)?.[1])).toBe(Math.floor(time));
});
