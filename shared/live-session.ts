// A live channel being watched: the session, its figures and the programme guide beside it.
// Runtime schemas only; no node:, no DOM, no electron.
import { z } from 'zod';

/** A live channel being watched: the window plays `playlistUrl` with an HLS player. */
export const liveSessionSchema = z.object({
  sessionId: z.string(),
  name: z.string(),
  playlistUrl: z.string(),
});
export type LiveSession = z.infer<typeof liveSessionSchema>;

/** One programme of the guide, times in ms since epoch. */
export const guideProgrammeSchema = z.object({
  title: z.string().max(500),
  start: z.number(),
  end: z.number(),
  description: z.string().max(2000).optional(),
});
export type GuideProgramme = z.infer<typeof guideProgrammeSchema>;

/** What is on a channel now and next, from its XMLTV guide (nothing when unknown). */
export const channelGuideSchema = z.object({
  channelId: z.string(),
  now: guideProgrammeSchema.optional(),
  next: guideProgrammeSchema.optional(),
});
export type ChannelGuide = z.infer<typeof channelGuideSchema>;

export const liveStateSchema = z.enum(['connecting', 'on-air', 'off-air']);
export type LiveState = z.infer<typeof liveStateSchema>;

/** A live session's figures, pushed about once a second. */
export const liveStatusSchema = z.object({
  sessionId: z.string(),
  state: liveStateSchema,
  /** other viewers this one is connected to (the broadcaster is not counted) */
  peers: z.number().int().min(0),
  /** share of the channel's bytes that came from other viewers, 0..1 */
  offload: z.number().min(0).max(1),
  /** seconds between the newest playable segment being published and now */
  edgeLagSeconds: z.number().optional(),
  originReachable: z.boolean(),
  /** in English: a refused manifest and the like */
  problem: z.string().optional(),
  /** the same, as a code the window words in its own language */
  problemCode: z
    // direct channels add: 'unreachable' (stream offline or failing), 'refused-address' (a
    // private address while the local network is not allowed)
    .enum([
      'too-large',
      'malformed',
      'bad-signature',
      'wrong-channel',
      'stale',
      'old',
      'unreachable',
      'refused-address',
    ])
    .optional(),
});
export type LiveStatus = z.infer<typeof liveStatusSchema>;
