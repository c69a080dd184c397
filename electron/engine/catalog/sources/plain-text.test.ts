// Text from feeds and web answers becomes plain text: markup never survives as markup.
import { describe, expect, it } from 'vitest';
import { decodeReferences, plainText } from './plain-text.js';

describe('plainText', () => {
  it.each([
    ['<p>Hello <b>there</b></p>', 'Hello there'],
    ['<b>Feed</b>.Film.<i>2024</i>', 'Feed.Film.2024'],
    ['<p>One</p><p>Two</p><br>Three', 'One Two Three'],
    ['A<script>alert(1)</script>B', 'A B'],
    ['A<style>p{}</style>B<!-- hidden -->C', 'A B C'],
    ['Tom &amp; Jerry &#8212; &#x41;&eacute;', 'Tom & Jerry — Aé'],
    ['&lt;b&gt;shown as written&lt;/b&gt;', '<b>shown as written</b>'],
    ['bad &#0; &#xD800; &#x110000; &#7; refs', 'bad refs'],
    ['tab\tand\nnew\u0000line', 'tab and new line'],
    ['<![CDATA[kept]]>', 'kept'],
    ['&unknown; stays', '&unknown; stays'],
  ])('%s', (input, expected) => {
    expect(plainText(input, 300)).toBe(expected);
  });

  it('decodes once only', () => {
    expect(decodeReferences('&amp;lt;')).toBe('&lt;');
  });

  it('cuts long text and gives nothing for values that are not text', () => {
    expect(plainText('word '.repeat(10_000), 20)).toHaveLength(20);
    expect(plainText({ a: 1 }, 20)).toBe('');
    expect(plainText(['x'], 20)).toBe('');
    expect(plainText(1968, 20)).toBe('1968');
  });

  it('stays fast on hostile markup (an unclosed script tag repeated)', () => {
    const hostile = '<script>'.repeat(100_000);
    expect(plainText(hostile, 2000)).toBe('');
  });
});
