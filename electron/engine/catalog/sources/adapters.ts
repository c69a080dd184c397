// Every kind of source the app can read, in the order used to recognise an address.
import type { SourceAdapter } from './source-adapter.js';
import { stremioAdapter } from './stremio/stremio-adapter.js';

export const adapters: SourceAdapter[] = [stremioAdapter];
