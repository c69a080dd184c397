// A SourceContext for adapter tests: real fetches with the contract's guards (size cap, timeout,
// local-network rule as written), so adapters are driven exactly as the engine drives them.
import { SourceError } from '../catalog/catalog-source.js';
import type { SourceContext } from '../catalog/sources/source-adapter.js';
import { isPrivateAddressUrl } from '../torrent/private-address.js';

export function testSourceContext(opts: { allowLocalNetwork: boolean }): SourceContext & {
  fetched: string[];
  lines: string[];
} {
  const fetched: string[] = [];
  const lines: string[] = [];
  async function fetchBytes(
    url: string,
    options: { maxBytes?: number; timeoutMs?: number } = {},
  ): Promise<Uint8Array> {
    if (!opts.allowLocalNetwork && isPrivateAddressUrl(url)) {
      throw new SourceError('it is on this machine or the local network');
    }
    fetched.push(url);
    const max = options.maxBytes ?? 8 * 1024 * 1024;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
    } catch {
      throw new SourceError('the server could not be reached');
    }
    if (!response.ok) throw new SourceError(`the server answered with error ${response.status}`);
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const next = await reader?.read();
      if (!next || next.done) break;
      total += next.value.length;
      if (total > max) {
        await reader?.cancel();
        throw new SourceError(`it is larger than ${Math.round(max / (1024 * 1024))} MiB`);
      }
      chunks.push(next.value);
    }
    return Buffer.concat(chunks, total);
  }
  return {
    fetched,
    lines,
    fetchBytes,
    fetchText: async (url, options) => new TextDecoder().decode(await fetchBytes(url, options)),
    allowLocalNetwork: () => opts.allowLocalNetwork,
    log: (line) => lines.push(line),
  };
}
