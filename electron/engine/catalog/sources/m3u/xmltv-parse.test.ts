import { describe, expect, it } from 'vitest';
import { decodeXmlText, nowAndNext, parseXmltv } from './xmltv-parse.js';
import { parseXmltvTime } from './xmltv-time.js';

const NOW = Date.UTC(2026, 10, 29, 12, 30); // 2026-11-29 12:30 UTC
const HOUR = 3_600_000;
const window = (ids: string[]) => ({
  channelIds: new Set(ids),
  from: NOW - 2 * HOUR,
  to: NOW + 24 * HOUR,
});

const guide = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<tv>${body}</tv>`;
const programme = (channel: string, start: string, stop: string, title: string, extra = '') =>
  `<programme start="${start}" stop="${stop}" channel="${channel}"><title lang="en">${title}</title>${extra}</programme>`;

describe('XMLTV times', () => {
  it('reads the offset', () => {
    expect(parseXmltvTime('20261129120000 +0100')).toBe(Date.UTC(2026, 10, 29, 11, 0));
    expect(parseXmltvTime('20261129120000 -0530')).toBe(Date.UTC(2026, 10, 29, 17, 30));
    expect(parseXmltvTime('20261129120000')).toBe(Date.UTC(2026, 10, 29, 12, 0));
    expect(parseXmltvTime('202611291200 Z')).toBe(Date.UTC(2026, 10, 29, 12, 0));
  });
  it('refuses dates that do not exist and offsets no place uses', () => {
    for (const bad of [
      '20260231120000 +0000',
      '20261329120000 +0000',
      '20261129250000 +0000',
      '20261129120000 +2500',
      '20261129120000 +0199',
      '20261129120000 -1300',
      'tomorrow',
      '',
      '2026112912000000000000000000000000000000000000000',
    ]) {
      expect(parseXmltvTime(bad), bad).toBeUndefined();
    }
    expect(parseXmltvTime(12 as unknown)).toBeUndefined();
  });
});

describe('XMLTV guides', () => {
  it('keeps the programmes of listed channels within the window, with offsets', () => {
    const text = guide(
      `<channel id="News.fr"><display-name>News</display-name></channel>` +
        programme('News.fr', '20261129120000 +0100', '20261129133000 +0100', 'Morning') + // 11:00-12:30 UTC: ended
        programme(
          'News.fr',
          '20261129133000 +0100',
          '20261129140000 +0100',
          'Noon &amp; more',
          '<desc>Today&#39;s news</desc>',
        ) +
        programme('News.fr', '20261129140000 +0100', '20261129150000 +0100', 'Afternoon') +
        programme('News.fr', '20261201140000 +0100', '20261201150000 +0100', 'Too far') +
        programme('Other.fr', '20261129120000 +0000', '20261129140000 +0000', 'Not listed'),
    );
    const { programmes } = parseXmltv(text, window(['News.fr']));
    expect([...programmes.keys()]).toEqual(['News.fr']);
    const news = programmes.get('News.fr') ?? [];
    expect(news.map((p) => p.title)).toEqual(['Morning', 'Noon & more', 'Afternoon']);
    const { now, next } = nowAndNext(news, NOW);
    expect(now).toEqual({
      title: 'Noon & more',
      start: Date.UTC(2026, 10, 29, 12, 30),
      end: Date.UTC(2026, 10, 29, 13, 0),
      description: "Today's news",
    });
    expect(next?.title).toBe('Afternoon');
  });

  it('never expands entities declared in the document (billion laughs)', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE tv [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>' +
      `<tv>${programme('A', '20261129120000 +0000', '20261129130000 +0000', '&e;')}</tv>`;
    const { programmes } = parseXmltv(bomb, window(['A']));
    expect(programmes.get('A')?.[0]?.title).toBe('&e;');
    // not even a plain declared entity is expanded
    const declared =
      '<?xml version="1.0"?><!DOCTYPE tv [<!ENTITY x "expanded">]>' +
      `<tv>${programme('A', '20261129120000 +0000', '20261129130000 +0000', '&x;')}</tv>`;
    expect(parseXmltv(declared, window(['A'])).programmes.get('A')?.[0]?.title).toBe('&x;');
    // an external entity (a file on this computer) is refused outright
    const external =
      '<?xml version="1.0"?><!DOCTYPE tv [<!ENTITY file SYSTEM "file:///etc/passwd">]>' +
      `<tv>${programme('A', '20261129120000 +0000', '20261129130000 +0000', '&file;')}</tv>`;
    expect(() => parseXmltv(external, window(['A']))).toThrow(/not valid XML/);
    // &amp;lt; is decoded once, to the text "&lt;"
    expect(decodeXmlText('&amp;lt;b&amp;gt; &#0; &#x110000; &#65;')).toBe(
      '&lt;b&gt; &#0; &#x110000; A',
    );
  });

  it('keeps markup in titles as text', () => {
    const text = guide(
      programme(
        'A',
        '20261129120000 +0000',
        '20261129130000 +0000',
        '&lt;script&gt;alert(1)&lt;/script&gt;',
      ) + programme('A', '20261129130000 +0000', '20261129140000 +0000', '<![CDATA[<b>bold</b>]]>'),
    );
    const titles = parseXmltv(text, window(['A']))
      .programmes.get('A')
      ?.map((p) => p.title);
    expect(titles?.[0]).toBe('<script>alert(1)</script>');
    expect(titles).toHaveLength(2);
  });

  it('drops programmes with bad dates and counts them; a missing stop runs to the next one', () => {
    const text = guide(
      programme('A', 'soon', '20261129130000 +0000', 'Bad start') +
        programme('A', '20261129120000 +0000', '20261129130000 +9900', 'Bad tz') +
        programme('A', '20261129130000 +0000', '20261129120000 +0000', 'Backwards') +
        '<programme start="20261129120000 +0000" channel="A"><title>Open</title></programme>' +
        programme('A', '20261129133000 +0000', '20261129140000 +0000', 'After'),
    );
    const result = parseXmltv(text, window(['A']));
    expect(result.badTimes).toBe(2);
    const list = result.programmes.get('A') ?? [];
    expect(list.map((p) => p.title)).toEqual(['Open', 'After']);
    expect(list[0]?.end).toBe(Date.UTC(2026, 10, 29, 13, 30));
  });

  it('refuses what is not a guide and survives wrong types and deep nesting', () => {
    expect(() => parseXmltv('not xml <<<', window(['A']))).toThrow(/guide/);
    expect(() => parseXmltv('<rss></rss>', window(['A']))).toThrow(/<tv>/);
    const weird = guide('<programme>text</programme><programme channel="A" start="x"/>');
    expect(parseXmltv(weird, window(['A'])).programmes.size).toBe(0);
    const deep = `<tv>${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</tv>`;
    expect(() => parseXmltv(deep, window(['A']))).toThrow();
  });

  it('reads a large guide and keeps at most 500 programmes a channel', () => {
    const parts: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const start = new Date(NOW - HOUR + i * 60_000);
      const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + ' +0000';
      parts.push(
        programme(
          i % 2 ? 'A' : 'B',
          stamp(start),
          stamp(new Date(start.getTime() + 60_000)),
          `P${i}`,
        ),
      );
    }
    const { programmes } = parseXmltv(guide(parts.join('')), window(['A']));
    expect(programmes.get('A')).toHaveLength(500);
    expect(programmes.has('B')).toBe(false);
  });
});
