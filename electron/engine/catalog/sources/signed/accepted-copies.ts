// The last signed copy accepted per catalog key (its sequence number and content hash), kept in
// the data folder so a restart cannot be fooled into taking an older copy. Writes are serialized.
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeDurably } from '../../../storage/durable-write.js';

const FILE = 'accepted-signed-catalogs.json';

const acceptedSchema = z.object({
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  catalogSha256: z.string().regex(/^[0-9a-f]{64}$/),
  acceptedAt: z.number(),
  /** the signed DHT pointer to this copy, when it came that way: put back after a restart */
  pointer: z
    .object({
      infoHash: z.string().regex(/^[0-9a-f]{40}$/),
      signature: z.string().regex(/^[0-9a-f]{128}$/),
    })
    .optional(),
});
export type AcceptedCopy = z.infer<typeof acceptedSchema>;
const fileSchema = z.record(z.string().regex(/^[0-9a-f]{64}$/), acceptedSchema);

export class AcceptedCopies {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  async get(keyHex: string): Promise<AcceptedCopy | undefined> {
    await this.queue.catch(() => {});
    return (await this.readAll())[keyHex];
  }

  /** Records `copy` unless a newer one was recorded meanwhile (two refreshes at once). */
  record(keyHex: string, copy: AcceptedCopy): Promise<void> {
    const next = this.queue
      .catch(() => {})
      .then(async () => {
        const all = await this.readAll();
        const known = all[keyHex];
        if (known && known.sequence > copy.sequence) return;
        all[keyHex] = copy;
        await mkdir(this.dir, { recursive: true });
        const path = join(this.dir, FILE);
        await writeDurably(`${path}.tmp`, `${JSON.stringify(all, null, 1)}\n`);
        await rename(`${path}.tmp`, path);
      });
    this.queue = next;
    return next;
  }

  private async readAll(): Promise<Record<string, AcceptedCopy>> {
    let text: string;
    try {
      text = await readFile(join(this.dir, FILE), 'utf8');
    } catch {
      return {};
    }
    try {
      return fileSchema.parse(JSON.parse(text));
    } catch {
      // a damaged record cannot lower what is accepted below what it said, but it cannot
      // vouch either: start again from what the next copy proves (its signature still holds)
      return {};
    }
  }
}
