import { describe, expect, it } from 'vitest';
import {
  CueStreamParser,
  MAX_CUE_CHARS,
  detectFormat,
  parseSubtitles,
  parseTimestamp,
} from './subtitle-cues.js';

const SRT = `1
00:00:01,000 --> 00:00:03,500
Hello <i>there</i>

2
00:00:04,000 --> 00:00:05,000
{\\an8}Top line
second line
`;

describe('subtitle parsing', () => {
  it('reads SubRip into timed plain text', () => {
    expect(parseSubtitles(SRT)).toEqual([
      { start: 1, end: 3.5, text: 'Hello there' },
      { start: 4, end: 5, text: 'Top line\nsecond line', top: true },
    ]);
  });

  it('keeps italics and top placement as flags, not markup', () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:02,000\n<i>Off screen\nvoice</i>\n\n2\n00:00:03,000 --> 00:00:04,000\n<i>half</i> and half\n';
    expect(parseSubtitles(srt)).toEqual([
      { start: 1, end: 2, text: 'Off screen\nvoice', italic: true },
      { start: 3, end: 4, text: 'half and half' },
    ]);
    const ass = '[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Sign,,0,0,0,,{\\an8\\i1}A sign\n';
    expect(parseSubtitles(ass)).toEqual([
      { start: 1, end: 2, text: 'A sign', italic: true, top: true },
    ]);
  });

  it('reads a cue of endless braces and tags in one pass', () => {
    const hostile = `1\n00:00:01,000 --> 00:00:02,000\n<i>${'{\\'.repeat(200_000)}${'</i><i>'.repeat(100_000)}\n`;
    const started = Date.now();
    parseSubtitles(hostile.repeat(20));
    console.log(`20 hostile cues parsed in ${Date.now() - started} ms`);
  });

  it('reads WebVTT with hours left out, cue settings and entities', () => {
    const vtt =
      'WEBVTT\n\nNOTE made by hand\n\nid-1\n00:02.500 --> 00:04.000 line:0 align:start\nFish &amp; chips &lt;3\n';
    expect(detectFormat(vtt)).toBe('vtt');
    expect(parseSubtitles(vtt)).toEqual([
      { start: 2.5, end: 4, text: 'Fish & chips <3', top: true },
    ]);
  });

  it('reads ASS dialogue, dropping override codes and drawings, keeping commas', () => {
    const ass = [
      '[Script Info]',
      'ScriptType: v4.00+',
      '[Events]',
      'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
      'Dialogue: 0,0:00:01.50,0:00:02.00,Default,,0,0,0,,{\\pos(900,120)\\c&H00FF00&}Sign, with a comma\\Nline two',
      'Dialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100',
    ].join('\r\n');
    expect(detectFormat(ass)).toBe('ass');
    expect(parseSubtitles(ass)).toEqual([
      { start: 1.5, end: 2, text: 'Sign, with a comma\nline two' },
    ]);
  });

  it('keeps hostile markup as inert text: tags are removed, nothing is interpreted', () => {
    const hostile = `1
00:00:01,000 --> 00:00:02,000
<script>alert(1)</script><img src=x onerror=alert(2)>Bonjour
`;
    const [cue] = parseSubtitles(hostile);
    expect(cue?.text).toBe('alert(1)Bonjour');
    expect(cue?.text).not.toMatch(/[<>]/);
  });

  it('cuts huge lines and survives a file with no blank lines at all', () => {
    const huge = `1\n00:00:01,000 --> 00:00:02,000\n${'A'.repeat(5_000_000)}\n`;
    const [cue] = parseSubtitles(huge);
    expect(cue?.text.length).toBeLessThanOrEqual(MAX_CUE_CHARS + 1);
    expect(parseSubtitles('x'.repeat(1_000_000))).toEqual([]);
  });

  it('skips cues with broken timing and keeps the good ones in time order', () => {
    const broken = `1
00:00:09,000 --> 00:00:10,000
late

2
00:00:05,000 --> 00:00:04,000
ends before it starts

3
aa:bb:cc,000 --> 00:00:04,000
not a time

4
00:00:02,000 --> 99999:00:00,000
far too long

5
00:00:01,000 --> 00:00:02,000
early
`;
    expect(parseSubtitles(broken).map((c) => c.text)).toEqual(['early', 'late']);
  });

  it('parses timestamps in both SubRip and WebVTT forms', () => {
    expect(parseTimestamp('01:02:03,004')).toBeCloseTo(3723.004);
    expect(parseTimestamp('02:03.5')).toBeCloseTo(123.5);
    expect(parseTimestamp('nope')).toBeUndefined();
  });

  it('gives cues out of a stream as soon as their block is complete', () => {
    const parser = new CueStreamParser();
    expect(parser.push('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne')).toEqual([]);
    expect(parser.push('\n\n00:00:03.000 --> 00:00:04.000\r\nTwo\r\n')).toEqual([
      { start: 1, end: 2, text: 'One' },
    ]);
    expect(parser.end()).toEqual([{ start: 3, end: 4, text: 'Two' }]);
  });
});
