// Details and play options: a title's own data when it carries it, else its source (a real
// Stremio add-on on loopback), remembered so that reopening works with the add-on gone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Title } from '../../../shared/domain.js';
import {
  ADDON_ID,
  SERIES_META_ID,
  startStremioAddon,
  type StremioAddon,
} from '../test-support/stremio-addon.js';
import { testSourceContext } from '../test-support/test-source-context.js';
import { stremioAdapter } from './sources/stremio/stremio-adapter.js';
import { ownPlayOptions, TitleAnswers, type TitleSource } from './title-answers.js';

const HASH = 'abcdef0123456789abcdef0123456789abcdef01';
let dir = '';
let addon: StremioAddon | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-answers-'));
});
afterEach(async () => {
  await addon?.close();
  addon = undefined;
  await rm(dir, { recursive: true, force: true });
});

const series: Title = {
  id: `stremio:${ADDON_ID}:${SERIES_META_ID}`,
  kind: 'series',
  name: 'Loopback Series',
  resolvable: true,
};

async function source(): Promise<TitleSource> {
  addon = await startStremioAddon({
    torrent: { infoHash: HASH, fileIdx: 2, announce: 'http://127.0.0.1:9/announce' },
  });
  return {
    adapter: stremioAdapter,
    address: addon.manifestUrl,
    context: testSourceContext({ allowPrivate: true }),
  };
}

describe('title answers', () => {
  it('answers from the title itself when it is not resolvable', async () => {
    const answers = new TitleAnswers({ cacheDir: dir });
    const film: Title = {
      id: 'f',
      kind: 'film',
      name: 'F',
      source: 'magnet:?xt=urn:btih:' + HASH,
      fileName: 'a.mp4',
    };
    expect(await answers.details(film, undefined)).toBe(film);
    expect(await answers.playOptions(film, undefined, undefined)).toEqual({
      options: [{ source: film.source, fileName: 'a.mp4' }],
      ignored: [],
    });
    const withOptions: Title = {
      ...film,
      options: [{ source: 'x', label: '720p' }, { source: 'y' }],
    };
    expect(ownPlayOptions(withOptions, undefined).options).toHaveLength(2);
    const show: Title = {
      id: 's',
      kind: 'series',
      name: 'S',
      episodes: [
        { id: 'e1', season: 1, episode: 1, name: 'One', source: 'magnet:?xt=urn:btih:' + HASH },
      ],
    };
    expect(ownPlayOptions(show, 'e1').options).toEqual([{ source: show.episodes?.[0]?.source }]);
    expect(() => ownPlayOptions(show, 'nope')).toThrow(/not in the catalog/);
  });

  it('asks the source once, then answers from memory', async () => {
    const answers = new TitleAnswers({ cacheDir: dir });
    const from = await source();
    const full = await answers.details(series, from);
    expect(full.episodes).toHaveLength(4);
    await answers.details(series, from);
    expect(addon?.requests.filter((p) => p.startsWith('/meta/'))).toHaveLength(1);

    const options = await answers.playOptions(series, `${SERIES_META_ID}:1:2`, from);
    expect(options.options[0]).toMatchObject({ fileIndex: 2 });
    // the magnet is named after the episode, known from the details asked before
    expect(options.options[0]?.source).toContain('dn=Loopback%20Series%20-%20Pattern%201.2');
  });

  it('opens a title again from the copy on disk when the source is gone', async () => {
    const from = await source();
    const first = new TitleAnswers({ cacheDir: dir });
    const full = await first.details(series, from);
    const options = await first.playOptions(series, `${SERIES_META_ID}:1:1`, from);
    await addon?.close();

    // a new run of the app, offline: the add-on cannot be reached
    const later = new TitleAnswers({ cacheDir: dir });
    expect(await later.details(series, from)).toEqual(full);
    expect(await later.playOptions(series, `${SERIES_META_ID}:1:1`, from)).toEqual(options);
    // and with the source removed from the list
    expect(await later.details(series, undefined)).toEqual(full);
  });

  it('says in plain words when neither the source nor a copy can answer', async () => {
    const answers = new TitleAnswers({ cacheDir: dir });
    const from = await source();
    await addon?.close();
    await expect(answers.details(series, from)).rejects.toMatchObject({
      code: 'network',
      message: expect.stringMatching(
        /^The details of this title could not be read from its source: the server could not be reached\./,
      ) as unknown,
    });
    await expect(answers.playOptions(series, 'x:1:1', undefined)).rejects.toThrow(
      /its source is not in the list of sources any more/,
    );
  });
});
