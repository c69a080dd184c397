// Converted playback on a real loopback swarm, with films made by ffmpeg in this run: the engine
// probes over its own stream (ranges), chooses the path, and its feed is fragmented MP4 that
// holds H.264 + AAC, starts where asked, and stops ffmpeg when the reader goes away.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MediaCapabilities } from '../../shared/media.js';
import type { Engine } from './engine-api.js';
import { countingSrt, makeFilm } from './test-support/film-media.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

/** What Debian's Chromium decodes: no AC3, no HEVC. */
const CHROMIUM: MediaCapabilities = {
  directContainers: ['mp4', 'webm', 'matroska'],
  directVideo: ['h264', 'vp8', 'vp9', 'av1'],
  directAudio: ['aac', 'mp3', 'opus', 'vorbis', 'flac'],
  mseVideo: ['h264'],
  mseAudio: ['aac'],
  languages: ['en'],
};

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;
let engine: Engine;
let itemId: string;
let files: { index: number; path: string }[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-media-'));
  const pack = join(dir, 'Film Pack');
  const scratch = join(dir, 'scratch');
  await mkdir(pack, { recursive: true });
  await mkdir(scratch, { recursive: true });
  const multi = await makeFilm(scratch, {
    name: 'Multi.mkv',
    audio: [
      { codec: 'ac3', frequency: 440, channels: 6, language: 'eng', title: 'English 5.1' },
      { codec: 'aac', frequency: 880, language: 'fre', title: 'Français' },
    ],
    srt: { text: countingSrt(20) },
  });
  const hevc = await makeFilm(scratch, { name: 'Hevc.mkv', video: 'hevc' });
  // long and heavy enough that its converted feed cannot all fit in the connection's buffers
  const long = await makeFilm(scratch, { name: 'Long.mkv', seconds: 120, bitrateKbps: 3000 });
  await writeFile(join(pack, 'Multi.mkv'), await readFile(multi));
  await writeFile(join(pack, 'Hevc.mkv'), await readFile(hevc));
  await writeFile(join(pack, 'Long.mkv'), await readFile(long));
  // the same subtitles as MP4 text (mov_text) and as ASS
  const remux = (out: string, subtitleCodec: string) =>
    new Promise<void>((resolve, reject) =>
      execFile(
        'ffmpeg',
        [
          '-loglevel',
          'error',
          '-i',
          multi,
          '-map',
          '0:v',
          '-map',
          '0:a:1',
          '-map',
          '0:s',
          '-c',
          'copy',
          '-c:s',
          subtitleCodec,
          join(pack, out),
        ],
        (err) => (err ? reject(err) : resolve()),
      ),
    );
  await remux('Text.mp4', 'mov_text');
  await remux('Styled.mkv', 'ass');
  // MPEG-TS: its clock starts at about 1.4 s
  await new Promise<void>((resolve, reject) =>
    execFile(
      'ffmpeg',
      [
        '-loglevel',
        'error',
        '-i',
        multi,
        '-map',
        '0:v',
        '-map',
        '0:a:0',
        '-c',
        'copy',
        join(pack, 'Broadcast.ts'),
      ],
      (err) => (err ? reject(err) : resolve()),
    ),
  );
  await writeFile(join(pack, 'Multi.fr.srt'), '1\n00:00:01,000 --> 00:00:02,000\nBonjour\n');
  tracker = await startTracker();
  seeder = await startSeeder({ path: pack, announce: [tracker.announceUrl] });
  engine = await createLoopbackEngine(join(dir, 'data'));
  const item = await engine.handlers['library:add']({
    source: { kind: 'file', name: 'pack.torrent', base64: seeder.torrentBytes.toString('base64') },
  });
  itemId = item.id;
  files = item.files;
}, 240_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

const indexOf = (name: string) => files.find((f) => f.path.endsWith(name))?.index ?? -1;

function ffprobeJson(path: string, extra: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile('ffprobe', ['-v', 'error', '-of', 'json', ...extra, path], (err, out) => {
      if (err) reject(err);
      else resolve(JSON.parse(out) as Record<string, unknown>);
    });
  });
}

/** ffmpeg processes still reading this session's stream (from the process table). */
async function ffmpegPidsFor(sessionId: string): Promise<string[]> {
  const pids: string[] = [];
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes('ffmpeg') && cmd.includes(sessionId)) pids.push(pid);
  }
  return pids;
}
const ffmpegRunsFor = async (sessionId: string) => (await ffmpegPidsFor(sessionId)).length;

/** CPU time a process has used so far, in clock ticks (user + system). */
async function cpuTicks(pid: string): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

it('converts only the sound of an H.264 + AC3 film, and its feed starts where asked', async () => {
  const session = await engine.handlers['playback:start']({
    itemId,
    fileIndex: indexOf('Multi.mkv'),
  });
  const started = Date.now();
  const plan = await engine.handlers['playback:media']({
    sessionId: session.sessionId,
    capabilities: CHROMIUM,
  });
  console.log(`probe + plan over the swarm: ${Date.now() - started} ms`);
  expect(plan).toMatchObject({ mode: 'feed', converts: 'audio', audioTrack: 0, ffmpeg: true });
  expect(plan.durationSeconds).toBeCloseTo(20, 0);
  expect(plan.mimeCodec).toMatch(/^video\/mp4; codecs="avc1\.[0-9a-f]{6},mp4a\.40\.2"$/);
  expect(plan.audioTracks.map((t) => [t.codec, t.language, t.title])).toEqual([
    ['ac3', 'eng', 'English 5.1'],
    ['aac', 'fre', 'Français'],
  ]);
  expect(plan.subtitles.map((s) => [s.id, s.source, s.format, s.language, s.default])).toEqual([
    ['e0', 'embedded', 'srt', 'eng', true],
    [`f${indexOf('Multi.fr.srt')}`, 'torrent', 'srt', 'fr', false],
  ]);

  // from the start: H.264 copied, AC3 became AAC
  const whole = join(dir, 'feed-0.mp4');
  await writeFile(whole, Buffer.from(await (await fetch(`${plan.feedUrl}?ss=0`)).arrayBuffer()));
  const streams = (await ffprobeJson(whole, ['-show_streams']))['streams'] as {
    codec_name: string;
  }[];
  expect(streams.map((s) => s.codec_name)).toEqual(['h264', 'aac']);

  // a seek: the restarted feed carries the film's own clock, within a second of the target
  const later = join(dir, 'feed-12.mp4');
  await writeFile(later, Buffer.from(await (await fetch(`${plan.feedUrl}?ss=12`)).arrayBuffer()));
  const packets = (
    await ffprobeJson(later, ['-select_streams', 'v:0', '-show_packets', '-read_intervals', '%+#1'])
  )['packets'] as { pts_time: string }[];
  const first = Number(packets[0]?.pts_time);
  console.log(`feed asked for 12 s starts at ${first} s`);
  expect(Math.abs(first - 12)).toBeLessThanOrEqual(1);

  // subtitle text: the embedded track as WebVTT, the file beside it as its own bytes
  const vtt = await (await fetch(plan.subtitles[0]?.url ?? '')).text();
  expect(vtt).toMatch(/^WEBVTT/);
  expect(vtt).toContain('Line 3');
  // read again from later on (a seek past what was read): the film's own times are kept
  const later12 = await (await fetch(`${plan.subtitles[0]?.url ?? ''}?ss=12`)).text();
  expect(later12).not.toContain('Line 3\n');
  expect(later12).toMatch(/00:12\.\d{3} --> 00:13\.\d{3}\nLine 13/);
  expect(await (await fetch(plan.subtitles[1]?.url ?? '')).text()).toContain('Bonjour');

  // the French track, asked for by name
  const french = await engine.handlers['playback:media']({
    sessionId: session.sessionId,
    capabilities: CHROMIUM,
    audioTrack: 1,
  });
  expect(french).toMatchObject({ mode: 'feed', converts: 'nothing', audioTrack: 1 });
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
}, 120_000);

it.each([
  // asked as ASS, a text track that is not ASS still comes as WebVTT
  ['Text.mp4', 'mov_text', 'direct', /^WEBVTT/],
  // an ASS track asked as ASS keeps its script, styles and events for the styled renderer
  [
    'Styled.mkv',
    'ass',
    'direct',
    /\[V4\+ Styles\][\s\S]*Dialogue: 0,0:00:02\.\d\d,0:00:03\.\d\d,[^\n]*Line 3/,
  ],
])(
  "shows the %s film's %s subtitles, and plays it %s",
  async (name, format, mode, asAss) => {
    const session = await engine.handlers['playback:start']({ itemId, fileIndex: indexOf(name) });
    const plan = await engine.handlers['playback:media']({
      sessionId: session.sessionId,
      capabilities: CHROMIUM,
    });
    expect(plan.mode).toBe(mode);
    expect(plan.subtitles[0]).toMatchObject({ id: 'e0', format, supported: true });
    const vtt = await (await fetch(plan.subtitles[0]?.url ?? '')).text();
    expect(vtt).toMatch(/00:02\.\d{3} --> 00:03\.\d{3}\nLine 3/);
    const raw = await (await fetch(`${plan.subtitles[0]?.url ?? ''}?as=ass`)).text();
    expect(raw).toMatch(asAss);
    await engine.handlers['playback:stop']({ sessionId: session.sessionId });
  },
  120_000,
);

it("puts an MPEG-TS film, whose own clock starts late, on the player's clock", async () => {
  const session = await engine.handlers['playback:start']({
    itemId,
    fileIndex: indexOf('Broadcast.ts'),
  });
  const plan = await engine.handlers['playback:media']({
    sessionId: session.sessionId,
    capabilities: CHROMIUM,
  });
  expect(plan).toMatchObject({ mode: 'feed', converts: 'audio' });
  for (const at of [0, 10]) {
    const path = join(dir, `ts-${at}.mp4`);
    await writeFile(
      path,
      Buffer.from(await (await fetch(`${plan.feedUrl}?ss=${at}`)).arrayBuffer()),
    );
    const packets = (
      await ffprobeJson(path, [
        '-select_streams',
        'v:0',
        '-show_packets',
        '-read_intervals',
        '%+#1',
      ])
    )['packets'] as { pts_time: string }[];
    expect(Math.abs(Number(packets[0]?.pts_time) - at)).toBeLessThanOrEqual(1);
  }
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
}, 120_000);

it('stops ffmpeg when the window stops reading and when the playback ends', async () => {
  const session = await engine.handlers['playback:start']({
    itemId,
    fileIndex: indexOf('Hevc.mkv'),
  });
  const plan = await engine.handlers['playback:media']({
    sessionId: session.sessionId,
    capabilities: CHROMIUM,
  });
  expect(plan).toMatchObject({ mode: 'feed', converts: 'both' });
  expect(plan.mimeCodec).toBe('video/mp4; codecs="avc1.640029,mp4a.40.2"');
  const withHevc = await engine.handlers['playback:media']({
    sessionId: session.sessionId,
    capabilities: { ...CHROMIUM, mseVideo: ['h264', 'hevc'] },
  });
  expect(withHevc).toMatchObject({ mode: 'feed', converts: 'audio' });
  expect(withHevc.mimeCodec).toMatch(/hvc1\.1\.6\.L\d+\.B0/);

  // read a little, then go away: the transcoder must not keep working for nobody
  const aborter = new AbortController();
  const res = await fetch(`${plan.feedUrl}?ss=0`, { signal: aborter.signal });
  await res.body?.getReader().read();
  expect(await ffmpegRunsFor(session.sessionId)).toBe(1);
  aborter.abort();
  await expect.poll(() => ffmpegRunsFor(session.sessionId), { timeout: 10_000 }).toBe(0);

  // a reader that stays, then the playback stops: ffmpeg goes with it
  const stuck = await fetch(`${plan.feedUrl}?ss=5`);
  await stuck.body?.getReader().read();
  expect(await ffmpegRunsFor(session.sessionId)).toBe(1);
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
  await expect.poll(() => ffmpegRunsFor(session.sessionId), { timeout: 10_000 }).toBe(0);
}, 120_000);

it('a feed nobody reads holds ffmpeg still: it waits instead of converting ahead', async () => {
  const session = await engine.handlers['playback:start']({
    itemId,
    fileIndex: indexOf('Long.mkv'),
  });
  const plan = await engine.handlers['playback:media']({
    sessionId: session.sessionId,
    capabilities: CHROMIUM,
  });
  expect(plan).toMatchObject({ mode: 'feed', converts: 'audio' });
  const res = await fetch(`${plan.feedUrl}?ss=0`);
  await res.body?.getReader().read();
  // the window reads no more: once the pipe and the connection are full, ffmpeg must block
  await new Promise((r) => setTimeout(r, 4_000));
  const [pid] = await ffmpegPidsFor(session.sessionId);
  expect(pid).toBeDefined();
  const before = await cpuTicks(pid ?? '');
  await new Promise((r) => setTimeout(r, 2_000));
  const used = (await cpuTicks(pid ?? '')) - before;
  console.log(`ffmpeg used ${used} clock ticks in 2 s while nobody read its feed`);
  expect(used).toBeLessThanOrEqual(5);
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
  await expect.poll(() => ffmpegRunsFor(session.sessionId), { timeout: 10_000 }).toBe(0);
}, 120_000);

it('says a file needs ffmpeg when none is found, and still plays what needs none', async () => {
  const bare = await createLoopbackEngine(join(dir, 'data-bare'), {
    env: { PATH: '/nonexistent' },
  });
  try {
    const item = await bare.handlers['library:add']({
      source: {
        kind: 'file',
        name: 'pack.torrent',
        base64: seeder.torrentBytes.toString('base64'),
      },
    });
    const session = await bare.handlers['playback:start']({
      itemId: item.id,
      fileIndex: indexOf('Multi.mkv'),
    });
    const plan = await bare.handlers['playback:media']({
      sessionId: session.sessionId,
      capabilities: CHROMIUM,
    });
    // nothing is known without ffprobe: the file is played as it is, with the files beside it
    expect(plan).toMatchObject({ mode: 'direct', ffmpeg: false });
    expect(plan.subtitles.map((s) => s.source)).toEqual(['torrent']);
    await bare.handlers['playback:stop']({ sessionId: session.sessionId });
  } finally {
    await bare.close();
  }
}, 120_000);
