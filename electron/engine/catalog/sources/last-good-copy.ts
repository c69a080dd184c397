// The last good read of each source, kept on disk so the shelf appears at start before any network
// answer and survives a source going away. A damaged copy is simply not used.
import { z } from 'zod';
import {
  catalogProblemSchema,
  channelSchema,
  titleSchema,
  type Channel,
  type Title,
} from '../../../../shared/domain.js';
import { readCachedCopy, removeCachedCopy, saveCachedCopy } from '../catalog-source.js';
import type { LoadedSource } from './source-adapter.js';

/** A copy holds checked entries, larger than the raw text a source is allowed to send. */
export const MAX_COPY_BYTES = 64 * 1024 * 1024;

const copySchema = z.object({
  name: z.string().max(300),
  titles: z.array(z.unknown()),
  channels: z.array(z.unknown()),
  problems: z.array(catalogProblemSchema),
});

const copyKey = (kind: string, address: string): string => `${kind}\n${address}`;

export async function saveLastGoodCopy(
  cacheDir: string,
  kind: string,
  address: string,
  loaded: LoadedSource,
): Promise<void> {
  const text = JSON.stringify(loaded);
  if (text.length > MAX_COPY_BYTES) return;
  await saveCachedCopy(cacheDir, copyKey(kind, address), text);
}

export async function readLastGoodCopy(
  cacheDir: string,
  kind: string,
  address: string,
): Promise<{ loaded: LoadedSource; savedAt: Date } | undefined> {
  const cached = await readCachedCopy(cacheDir, copyKey(kind, address), MAX_COPY_BYTES);
  if (!cached) return undefined;
  try {
    const copy = copySchema.parse(JSON.parse(cached.text));
    // each entry checked again: the file may have been edited or cut short
    const titles = copy.titles.flatMap((raw): Title[] => {
      const parsed = titleSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
    const channels = copy.channels.flatMap((raw): Channel[] => {
      const parsed = channelSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
    return {
      loaded: { name: copy.name, titles, channels, problems: copy.problems },
      savedAt: cached.savedAt,
    };
  } catch {
    return undefined;
  }
}

export const forgetLastGoodCopy = (cacheDir: string, kind: string, address: string) =>
  removeCachedCopy(cacheDir, copyKey(kind, address));
