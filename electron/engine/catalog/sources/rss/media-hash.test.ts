// Media RSS hashes: <media:hash algo="sha1"> on the item or inside <media:content>.
import { expect, it } from 'vitest';
import { feedItems } from './feed-items.js';
import { readXml } from './xml-read.js';

it('reads a sha1 Media RSS hash on the item or inside media:content, not an md5 one', () => {
  const hash = 'b'.repeat(40);
  const doc = readXml(`<rss xmlns:media="http://search.yahoo.com/mrss/"><channel>
    <item><title>A</title><media:content url="https://x/a.mp4" fileSize="5"><media:hash algo="sha1">${hash}</media:hash></media:content></item>
    <item><title>B</title><media:hash algo="md5">0123</media:hash><media:hash>${hash}</media:hash></item>
    <item><title>C</title><media:hash algo="md5">0123</media:hash></item>
  </channel></rss>`);
  expect(feedItems(doc).items.map((i) => i.infoHash)).toEqual([hash, hash, undefined]);
});
