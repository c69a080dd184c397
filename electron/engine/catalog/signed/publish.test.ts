import { mkdtemp, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCatalogLink } from '../../../../shared/catalog-link.js';
import { prepareSignedCatalog } from './catalog-publisher.js';
import { parsePublishArgs } from './publish-cli-args.js';
import { PUBLISHER_KEY_FILE } from './publisher-key.js';
import { nextPublication, PUBLISH_STATE_FILE } from './publish-state.js';
import { checkEnvelope } from './signed-envelope.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-publish-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const film = (id: string) => ({
  id,
  kind: 'film',
  name: id,
  source: 'magnet:?xt=urn:btih:' + 'a'.repeat(40),
});
async function catalogFile(titles: unknown[], name = 'cat.json'): Promise<string> {
  const file = join(dir, name);
  await writeFile(
    file,
    JSON.stringify({ format: 'essaim-catalog', version: 1, name: 'Mes films', titles }),
  );
  return file;
}

describe('publishing a signed catalog', () => {
  it('makes a key readable by its owner only, and reuses it', async () => {
    const dataDir = join(dir, 'pub');
    const first = await prepareSignedCatalog({ file: await catalogFile([film('a')]), dataDir });
    expect(first.key.created).toBe(true);
    expect((await stat(join(dataDir, PUBLISHER_KEY_FILE))).mode & 0o777).toBe(0o600);
    const second = await prepareSignedCatalog({
      file: await catalogFile([film('a'), film('b')]),
      dataDir,
    });
    expect(second.key.created).toBe(false);
    expect(second.key.publicKeyHex).toBe(first.key.publicKeyHex);
  });

  it('numbers new contents upwards, keeps the number for the same content', async () => {
    const dataDir = join(dir, 'pub');
    const one = await prepareSignedCatalog({ file: await catalogFile([film('a')]), dataDir });
    const same = await prepareSignedCatalog({ file: await catalogFile([film('a')]), dataDir });
    const two = await prepareSignedCatalog({
      file: await catalogFile([film('a'), film('b')]),
      dataDir,
    });
    expect([one.sequence, same.sequence, two.sequence]).toEqual([1, 1, 2]);
    expect(same.unchanged).toBe(true);
    expect(same.signedBytes.equals(one.signedBytes)).toBe(true);
    const checked = checkEnvelope(await readFile(two.signedPath), two.key.publicKeyHex);
    expect(checked).toMatchObject({ ok: true, envelope: { sequence: 2 } });
  });

  it('prints a link that names the key, the mirror and the catalog', async () => {
    const prepared = await prepareSignedCatalog({
      file: await catalogFile([film('a')]),
      dataDir: join(dir, 'pub'),
      mirror: 'https://example.org/c.json',
    });
    expect(parseCatalogLink(prepared.link)).toEqual({
      ok: true,
      link: {
        publicKey: prepared.key.publicKeyHex,
        mirror: 'https://example.org/c.json',
        name: 'Mes films',
      },
    });
  });

  it('refuses to publish what no viewer could use, and touches nothing', async () => {
    const dataDir = join(dir, 'pub');
    await writeFile(join(dir, 'bad.json'), '{"format":"other"}');
    await expect(prepareSignedCatalog({ file: join(dir, 'bad.json'), dataDir })).rejects.toThrow(
      /not an Essaim catalog/,
    );
    await expect(
      prepareSignedCatalog({ file: await catalogFile([{ id: 'x', kind: 'film' }]), dataDir }),
    ).rejects.toThrow(/no title or channel a viewer could use/);
    await expect(
      prepareSignedCatalog({ file: join(dir, 'missing.json'), dataDir }),
    ).rejects.toThrow(/does not exist/);
    await expect(stat(join(dataDir, PUBLISHER_KEY_FILE))).rejects.toThrow();
  });

  it('stops on a damaged publication record instead of guessing a number', async () => {
    const dataDir = join(dir, 'pub');
    const file = await catalogFile([film('a')]);
    await prepareSignedCatalog({ file, dataDir });
    await writeFile(join(dataDir, PUBLISH_STATE_FILE), '{"sequence":"x"}');
    await expect(prepareSignedCatalog({ file, dataDir })).rejects.toThrow(/damaged/);
  });
});

describe('the next number', () => {
  const now = new Date('2026-11-29T12:00:00.000Z');
  const before = {
    sequence: 4,
    catalogSha256: 'a'.repeat(64),
    generated: '2026-01-01T00:00:00.000Z',
  };

  it('goes past what the DHT already points to when the record is behind or lost', () => {
    expect(nextPublication(undefined, 'b'.repeat(64), now, 9)).toMatchObject({ sequence: 10 });
    expect(nextPublication(before, 'b'.repeat(64), now, 9)).toMatchObject({ sequence: 10 });
    // even the same content: the DHT's number 9 may be another content, so 4 would be refused
    expect(nextPublication(before, 'a'.repeat(64), now, 9)).toMatchObject({
      sequence: 10,
      unchanged: false,
    });
  });

  it('follows the record when the DHT knows nothing newer', () => {
    expect(nextPublication(before, 'a'.repeat(64), now, 4)).toEqual({ ...before, unchanged: true });
    expect(nextPublication(before, 'b'.repeat(64), now, undefined)).toMatchObject({ sequence: 5 });
    expect(nextPublication(before, 'b'.repeat(64), now, 2)).toMatchObject({ sequence: 5 });
  });
});

describe('publish-catalog command line', () => {
  it('reads a full command line', () => {
    expect(
      parsePublishArgs([
        'c.json',
        '--data-dir',
        'd',
        '--mirror=https://a.b/c.json',
        '--seconds',
        '30',
        '--dht-bootstrap',
        '127.0.0.1:6881,[::1]:6882',
      ]),
    ).toEqual({
      args: {
        file: 'c.json',
        dataDir: 'd',
        mirror: 'https://a.b/c.json',
        seconds: 30,
        dhtBootstrap: ['127.0.0.1:6881', '[::1]:6882'],
      },
      errors: [],
    });
    expect(parsePublishArgs(['c.json', '--data-dir', 'd', '--stay']).args).toEqual({
      file: 'c.json',
      dataDir: 'd',
    });
  });

  it('lists every problem in plain words', () => {
    const { args, errors } = parsePublishArgs([
      '--mirror',
      'javascript:x',
      '--seconds',
      '-3',
      '--stay',
      '--what',
      '--dht-bootstrap',
      'nope',
    ]);
    expect(args).toBeUndefined();
    expect(errors).toEqual([
      'Unknown option --what.',
      'Give exactly one catalog file to publish.',
      'Give the publisher folder with --data-dir DIR (its key and sequence number live there).',
      'The --mirror address must be an http(s) address, without a password in it.',
      '--seconds must be a whole number of seconds, above 0.',
      'Give either --seconds N or --stay, not both.',
      '--dht-bootstrap takes up to 16 host:port pairs separated by commas.',
    ]);
    expect(parsePublishArgs(['a', 'b', '--data-dir']).errors).toContain(
      'The option --data-dir needs a value after it.',
    );
  });
});
