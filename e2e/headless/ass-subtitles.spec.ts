// ASS subtitles keep their styling and place: an MKV's ASS track (made by ffmpeg in this run)
// and a viewer's own .ass file are drawn by the ASS renderer on a canvas over the picture, a
// line set at the top ({\an8}) lands at the top, and turning subtitles off removes the drawing.
import type { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFilm } from '../../electron/engine/test-support/film-media.js';
import { startFilmSwarm, type FilmSwarm } from '../support/film-swarm.js';
import { expect, test } from '../support/fixtures.js';
import { decoded } from '../support/media-page.js';

const swarms: FilmSwarm[] = [];
test.afterEach(async () => {
  await Promise.allSettled(swarms.splice(0).map((s) => s.close()));
});

/** One styled line over the whole film, at the top (\an8) or the bottom (\an2), in colour. */
function assFile(line: string, where: 'an8' | 'an2'): string {
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    'PlayResX: 320',
    'PlayResY: 240',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    'Style: Default,Liberation Sans,36,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,1,2,0,2,10,10,10,1',
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    `Dialogue: 0,0:00:00.00,0:01:00.00,Default,,0,0,0,,{\\${where}\\c&H0000FF&}${line}`,
    '',
  ].join('\n');
}

async function filmWithAss(dir: string): Promise<string> {
  const plain = await makeFilm(dir, {
    name: 'Plain.mkv',
    seconds: 30,
    audio: [{ codec: 'aac', frequency: 440 }],
  });
  const ass = join(dir, 'top.ass');
  await writeFile(ass, assFile('TOP LINE', 'an8'));
  const out = join(dir, 'Styled.mkv');
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', plain, '-i', ass];
  args.push('-map', '0', '-map', '1', '-c', 'copy', '-c:s', 'ass');
  args.push('-metadata:s:s:0', 'language=eng', '-disposition:s:0', 'default', out);
  await new Promise<void>((resolve, reject) =>
    execFile('ffmpeg', args, { timeout: 60_000 }, (err, _o, stderr) =>
      err ? reject(new Error(`ffmpeg failed: ${stderr}`)) : resolve(),
    ),
  );
  return out;
}

/** Painted pixels (alpha > 0) in the top and bottom thirds of the ASS canvas, or null if none. */
function paintedThirds(page: Page): Promise<{ top: number; bottom: number } | null> {
  return page.evaluate(async () => {
    interface Ctx {
      drawImage(i: unknown, x: number, y: number, w: number, h: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    }
    const doc = (
      globalThis as unknown as {
        document: {
          querySelector(s: string): { clientWidth: number; clientHeight: number } | null;
          createElement(t: 'canvas'): { width: number; height: number; getContext(k: '2d'): Ctx };
        };
      }
    ).document;
    const shown = doc.querySelector('[data-testid="ass-subtitles"]');
    if (!shown || shown.clientWidth === 0 || shown.clientHeight === 0) return null;
    // the renderer's canvas is drawn from its worker: copy what it shows to read its pixels
    const copy = doc.createElement('canvas');
    copy.width = 160;
    copy.height = 120;
    const ctx = copy.getContext('2d');
    ctx.drawImage(shown, 0, 0, copy.width, copy.height);
    const count = (y0: number, y1: number) => {
      const { data } = ctx.getImageData(0, y0, copy.width, y1 - y0);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
      return n;
    };
    return { top: count(0, 40), bottom: count(80, 120) };
  });
}

test('an ASS track keeps its place and colour: drawn at the top over the picture, and off turns it off', async ({
  page,
  launchApp,
  workDir,
}) => {
  const film = await filmWithAss(workDir);
  const swarm = await startFilmSwarm(film, workDir);
  swarms.push(swarm);
  // the renderer's worker and WebAssembly run under the window's policy, without a violation
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const app = await launchApp();
  await page.goto(app.url);
  await expect(page.getByTestId('home')).toBeVisible();
  await page.getByTestId('open-button').click();
  await page.getByTestId('open-input').fill(swarm.magnet);
  await page.getByTestId('open-submit').click();
  await expect(page.getByTestId('player')).toBeVisible();
  await expect
    .poll(async () => (await decoded(page)).currentTime, { timeout: 60_000 })
    .toBeGreaterThan(1);

  // the default ASS track is drawn by the ASS renderer, at the top, nothing at the bottom
  await expect(page.getByTestId('ass-subtitles')).toHaveCount(1, { timeout: 20_000 });
  await expect
    .poll(async () => (await paintedThirds(page))?.top ?? 0, { timeout: 20_000 })
    .toBeGreaterThan(50);
  const painted = await paintedThirds(page);
  expect(painted?.bottom).toBe(0);
  // not also as plain text (it would sit at the bottom, without its colour)
  await expect(page.getByTestId('subtitles')).toHaveCount(0);
  console.log(`ASS track: ${painted?.top} painted pixels in the top third, none at the bottom`);

  // off: the drawing goes away
  await page.getByTestId('tracks-button').click();
  await page.getByRole('radio', { name: 'Off' }).check();
  await expect(page.getByTestId('ass-subtitles')).toHaveCount(0);

  // the viewer's own .ass file: its line placed at the bottom is drawn at the bottom
  await page.getByTestId('subtitle-file-input').setInputFiles({
    name: 'mine.ass',
    mimeType: 'text/x-ssa',
    buffer: Buffer.from(assFile('MY OWN LINE', 'an2')),
  });
  await expect
    .poll(async () => (await paintedThirds(page))?.bottom ?? 0, { timeout: 20_000 })
    .toBeGreaterThan(50);
  expect((await paintedThirds(page))?.top).toBe(0);
  expect(violations).toEqual([]);
});
