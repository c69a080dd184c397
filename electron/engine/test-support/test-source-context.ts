// A SourceContext for adapter tests: real HTTP with a size cap, a time limit and the local-network
// rule, so tests exercise the same refusals the app's guarded context makes.
import { SourceError } from '../catalog/catalog-source.js';
import type { SourceContext } from '../catalog/sources/source-adapter.js';
import { isPrivateAddressUrl } from '../torrent/private-address.js';

const DEFAULT_MAX = 8 * 1024 * 1024;

export function testSourceContext(opts: { allowPrivate: boolean; log?: string[] }): SourceContext {
  const fetchBytes = async (
    url: string,
    o: { maxBytes?: number; timeoutMs?: number } = {},
  ): Promise<Uint8Array> => {
    if (!opts.allowPrivate && isPrivateAddressUrl(url))
      throw new SourceError('this address is on the local network, which is not allowed');
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
    } catch {
      throw new SourceError('the server could not be reached');
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new SourceError(`the server answered with error ${response.status}`);
    }
    const max = o.maxBytes ?? DEFAULT_MAX;
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const next = await reader?.read();
      if (!next || next.done) break;
      total += next.value.length;
      if (total > max) {
        await reader?.cancel();
        throw new SourceError(`it is larger than ${Math.round(max / 1024)} KiB`);
      }
      chunks.push(next.value);
    }
    return Buffer.concat(chunks, total);
  };
  return {
    fetchBytes,
    fetchText: async (url, o) => new TextDecoder().decode(await fetchBytes(url, o)),
    allowLocalNetwork: () => opts.allowPrivate,
    log: (line) => opts.log?.push(line),
  };
}
