// Every source kind the registry knows, one adapter each; the registry picks by kind, or by
// asking each adapter whether it recognises an address.
import { m3uAdapter } from './m3u/m3u-adapter.js';
import type { SourceAdapter } from './source-adapter.js';

export const adapters: SourceAdapter[] = [m3uAdapter];
