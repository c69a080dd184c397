// One open stream of a film or an episode as the window follows it: its phase and buffer.
// Runtime schemas only; no node:, no DOM, no electron.
import { z } from 'zod';
import { infoHashSchema } from './library-items.js';

export const playbackPhaseSchema = z.enum([
  'finding-peers',
  'fetching-metadata',
  'buffering',
  'playing',
  'error',
]);
export type PlaybackPhase = z.infer<typeof playbackPhaseSchema>;

/** One open stream: the window plays `streamUrl` in its <video>. */
export const playbackSessionSchema = z.object({
  sessionId: z.string(),
  itemId: infoHashSchema,
  fileIndex: z.number().int().min(0).optional(),
  fileName: z.string().optional(),
  /** set once the file is known; the stream server waits for pieces itself */
  streamUrl: z.string().optional(),
  mimeType: z.string().optional(),
  phase: playbackPhaseSchema,
  /** 0..100, how much of the start-up buffer is ready */
  bufferPercent: z.number().min(0).max(100),
  resumeAtSeconds: z.number().min(0),
  errorMessage: z.string().optional(),
  /** why the wait may last: 'local-trackers-refused' = its only trackers are on the local network */
  waitReason: z.enum(['local-trackers-refused']).optional(),
});
export type PlaybackSession = z.infer<typeof playbackSessionSchema>;
