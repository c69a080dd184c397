// The shape every kind of catalog source plugs into: an adapter reads one address into titles and
// channels, and may answer details and play options on demand. Adapters never touch the disk or
// the shelf themselves; the source registry keeps last good copies and merges.
import type {
  CatalogProblem,
  Channel,
  LeftOut,
  PlayOption,
  SourceKind,
  Title,
} from '../../../../shared/domain.js';

/** What an adapter may use: every network read goes through here (size cap, timeout, local-network rule). */
export interface SourceContext {
  /** GET a URL as text; throws SourceError (plain words) when refused, too large, slow or failing. */
  fetchText(url: string, options?: { maxBytes?: number; timeoutMs?: number }): Promise<string>;
  /** GET a URL as bytes (a .torrent, an image), with the same guards. */
  fetchBytes(url: string, options?: { maxBytes?: number; timeoutMs?: number }): Promise<Uint8Array>;
  /** whether addresses on this machine and the local network may be contacted */
  allowLocalNetwork(): boolean;
  log(line: string): void;
}

/** One source read: its own name and what it offers. Problems are per entry, in plain words. */
export interface LoadedSource {
  name: string;
  titles: Title[];
  channels: Channel[];
  problems: CatalogProblem[];
}

export interface PlayOptionsAnswer {
  options: PlayOption[];
  /** what the source offered that cannot be played here, in plain words */
  ignored: string[];
  /** the same, counted by reason, so the window can say it in the user's language */
  leftOut?: LeftOut[];
}

export interface SourceAdapter {
  kind: SourceKind;
  /** true when the address looks like this kind (used when the user leaves the kind out) */
  recognises(address: string): boolean;
  /** Reads the whole source. Throws SourceError with plain words when it cannot be read at all. */
  load(address: string, context: SourceContext): Promise<LoadedSource>;
  /** For titles marked `resolvable`: the full title (episodes and all), asked when it is opened. */
  details?(address: string, title: Title, context: SourceContext): Promise<Title>;
  /** For titles marked `resolvable`: the ways to play a title or one of its episodes. */
  playOptions?(
    address: string,
    title: Title,
    episodeId: string | undefined,
    context: SourceContext,
  ): Promise<PlayOptionsAnswer>;
  /**
   * Titles the source finds for a search word, for sources that answer searches themselves
   * (a Stremio add-on's search catalogs); the shelf's own titles are searched locally.
   */
  search?(address: string, query: string, context: SourceContext): Promise<Title[]>;
}
