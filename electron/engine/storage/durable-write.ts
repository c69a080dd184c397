// Writes a whole file to disk and flushes it before returning, so a later rename publishes a
// complete file even if the machine stops right after. Never renames or deletes anything itself.
import { open } from 'node:fs/promises';

/** The shape of a durable write, so a caller can be handed another disk (tests: a full one). */
export type DurableWriter = (path: string, data: string | Uint8Array) => Promise<void>;

export const writeDurably: DurableWriter = async (path, data) => {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
};
