// Converted playback for each session: probes its file once, keeps the chosen path, and answers
// the window's feed and subtitle requests with ffmpeg runs that die with their response or session.
import type { ServerResponse } from 'node:http';
import type { MediaCapabilities, MediaPlan, SubtitleTrack } from '../../../shared/media.js';
import { subtitleTracks } from './subtitle-tracks.js';
import { CodedError } from '../../../shared/errors.js';
import type { SessionMedia } from '../playback/playback-sessions.js';
import type { MediaRoutes } from '../stream/stream-server.js';
import { feedArgs, subtitleArgs } from './feed-args.js';
import type { FfmpegTools } from './ffmpeg-locate.js';
import { pipeFfmpeg, type PipedRun } from './ffmpeg-process.js';
import { probeMedia, type MediaProbe } from './media-probe.js';
import { choosePath, type PathChoice } from './play-path.js';
import { MAX_SUBTITLE_BYTES, sidecarSubtitles } from './sidecar-subtitles.js';
import { isPlayablePath } from '../torrent/file-choice.js';

export interface MediaServiceDeps {
  tools(): FfmpegTools;
  media(sessionId: string): Promise<SessionMedia | undefined>;
  feedUrlFor(sessionId: string): string;
  subtitleUrlFor(sessionId: string, trackId: string): string;
  log(message: string): void;
}

interface SessionState {
  fileIndex: number;
  probe?: Promise<MediaProbe | undefined>;
  choice?: PathChoice;
  /** where the file's clock starts, from the probe */
  clockStart?: number;
  subtitles: SubtitleTrack[];
  /** at most one feed per session: a seek or a track change supersedes the running one */
  feed?: PipedRun;
  runs: Set<PipedRun>;
}

const CONTAINERS: Record<string, string> = {
  mkv: 'matroska', webm: 'webm', mp4: 'mp4', m4v: 'mp4', mov: 'mp4', avi: 'avi', ts: 'mpegts',
  m2ts: 'mpegts', ogv: 'ogg',
}; // prettier-ignore

export class MediaService implements MediaRoutes {
  private readonly states = new Map<string, SessionState>();

  constructor(private readonly deps: MediaServiceDeps) {}

  async plan(sessionId: string, caps: MediaCapabilities, audioTrack?: number): Promise<MediaPlan> {
    const media = await this.deps.media(sessionId);
    if (!media) throw new CodedError('not-found', 'This playback has already stopped.');
    let state = this.states.get(sessionId);
    if (!state || state.fileIndex !== media.fileIndex) {
      state?.feed?.kill();
      state = { fileIndex: media.fileIndex, subtitles: [], runs: new Set() };
      this.states.set(sessionId, state);
    }
    const tools = this.deps.tools();
    if (tools.ffprobe && !state.probe) {
      const started = Date.now();
      state.probe = probeMedia(tools.ffprobe, media.streamUrl).then(
        (probe) => {
          this.deps.log(`probed ${media.fileName} in ${Date.now() - started} ms`);
          return probe;
        },
        (err: unknown) => {
          this.deps.log(`could not probe ${media.fileName}: ${String(err)}`);
          return undefined;
        },
      );
    }
    const probe = await state.probe;
    // a failed probe (a stalled swarm) is tried again the next time the window asks
    if (!probe && state.probe) state.probe = undefined;
    if (!this.states.has(sessionId))
      throw new CodedError('not-found', 'This playback has already stopped.');
    const videos = media.files.filter((f) => isPlayablePath(f.path)).length;
    state.subtitles = subtitleTracks(
      probe?.subtitles ?? [],
      sidecarSubtitles(media.files, media.fileIndex, videos),
      tools.ffmpeg !== undefined,
      (trackId) => this.deps.subtitleUrlFor(sessionId, trackId),
    );
    const ext = /\.([a-z0-9]+)$/i.exec(media.fileName)?.[1]?.toLowerCase() ?? '';
    // without ffprobe nothing is known about the file: play it as is, as before
    const choice: PathChoice = probe
      ? choosePath({
          probe,
          caps,
          ffmpeg: tools.ffmpeg !== undefined,
          container: CONTAINERS[ext] ?? ext,
          ...(audioTrack !== undefined ? { audioTrack } : {}),
        })
      : { mode: 'direct' };
    state.choice = choice;
    state.clockStart = probe?.startSeconds;
    return {
      mode: choice.mode,
      converts: choice.mode === 'feed' ? choice.converts : 'nothing',
      ...(choice.mode === 'unplayable' ? { problem: choice.problem, detail: choice.detail } : {}),
      ...(choice.mode === 'feed'
        ? { feedUrl: this.deps.feedUrlFor(sessionId), mimeCodec: choice.mimeCodec }
        : {}),
      ...(probe?.durationSeconds ? { durationSeconds: probe.durationSeconds } : {}),
      audioTracks: probe?.audio ?? [],
      ...(choice.audioTrack !== undefined ? { audioTrack: choice.audioTrack } : {}),
      subtitles: state.subtitles,
      ffmpeg: tools.ffmpeg !== undefined && tools.ffprobe !== undefined,
    };
  }

  async feed(sessionId: string, query: URLSearchParams, res: ServerResponse): Promise<void> {
    const state = this.states.get(sessionId);
    const choice = state?.choice;
    const ffmpeg = this.deps.tools().ffmpeg;
    const media = await this.deps.media(sessionId);
    if (!state || choice?.mode !== 'feed' || !ffmpeg || !media) return notFound(res);
    const ss = Math.min(1e7, Math.max(0, Number(query.get('ss')) || 0));
    state.feed?.kill();
    res.setHeader('Content-Type', 'video/mp4');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const args = feedArgs({
      url: media.streamUrl,
      startSeconds: ss,
      video: choice.video,
      audio: choice.audio,
      ...(choice.audioTrack !== undefined ? { audioTrack: choice.audioTrack } : {}),
      hevc: choice.mimeCodec.includes('hvc1'),
      ...(state.clockStart ? { clockStart: state.clockStart } : {}),
    });
    const run = this.track(state, pipeFfmpeg(ffmpeg, args, res), `feed at ${ss}s`);
    state.feed = run;
  }

  async subtitles(
    sessionId: string,
    trackId: string,
    query: URLSearchParams,
    res: ServerResponse,
  ): Promise<void> {
    const state = this.states.get(sessionId);
    const track = state?.subtitles.find((t) => t.id === trackId && t.supported);
    const media = await this.deps.media(sessionId);
    if (!state || !track || !media) return notFound(res);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const index = Number(trackId.slice(1));
    if (track.source === 'torrent') {
      // the raw bytes: the window detects their encoding and parses them into plain cues
      res.setHeader('Content-Type', 'application/octet-stream');
      const source = media.openFile(index);
      let sent = 0;
      source.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        if (sent > MAX_SUBTITLE_BYTES) res.destroy();
        else if (!res.write(chunk)) {
          source.pause();
          res.once('drain', () => source.resume());
        }
      });
      source.once('end', () => res.end());
      source.once('error', () => res.destroy());
      // closed without its end (the torrent stopped): the window must not wait for the rest
      source.once('close', () => {
        if (!res.writableEnded) res.destroy();
      });
      res.once('close', () => (source as NodeJS.ReadableStream & { destroy(): void }).destroy());
      return;
    }
    const ffmpeg = this.deps.tools().ffmpeg;
    if (!ffmpeg) return notFound(res);
    const ss = Math.min(1e7, Math.max(0, Number(query.get('ss')) || 0));
    // `?as=ass`: an ASS/SSA track as ASS text, drawn with its styling by the window
    const as = query.get('as') === 'ass' && /^(ass|ssa)$/.test(track.format) ? 'ass' : 'webvtt';
    res.setHeader(
      'Content-Type',
      as === 'ass' ? 'text/plain; charset=utf-8' : 'text/vtt; charset=utf-8',
    );
    // a passive reader: the subtitle extractor must not pull the download away from the playhead
    const url = `${media.streamUrl}?passive=1`;
    this.track(
      state,
      pipeFfmpeg(ffmpeg, subtitleArgs(url, index, ss, state.clockStart, as), res),
      `subtitles ${trackId}`,
    );
  }

  private track(state: SessionState, run: PipedRun, what: string): PipedRun {
    state.runs.add(run);
    void run.exited.then(({ error }) => {
      state.runs.delete(run);
      if (error) this.deps.log(`ffmpeg (${what}) stopped: ${error}`);
    });
    return run;
  }

  /** The session ended: every ffmpeg working for it stops now. */
  end(sessionId: string): void {
    const state = this.states.get(sessionId);
    if (!state) return;
    for (const run of state.runs) run.kill();
    this.states.delete(sessionId);
  }

  /** How many ffmpeg processes run for a session (tests and the log). */
  running(sessionId: string): number {
    return this.states.get(sessionId)?.runs.size ?? 0;
  }
}

function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('404\n');
}
