// Which file of a torrent gets played: names and sizes in, an index (or nothing) out.
import { describe, expect, it } from 'vitest';
import { choosePlayableFile, isPlayablePath } from './file-choice.js';

const files = (...entries: Array<[string, number]>) =>
  entries.map(([path, length], index) => ({ index, path, length }));

describe('isPlayablePath', () => {
  it.each([
    'Film/Film.mp4',
    'a.M4V',
    'b.mkv',
    'c.webm',
    'd.MOV',
    'e.avi',
    'f.ts',
    'g.m2ts',
    'h.ogv',
    'Season 1\\Episode 1.mkv',
  ])('%s is playable', (path) => {
    expect(isPlayablePath(path)).toBe(true);
  });

  it.each([
    'Film/sample.mkv',
    'Film/Sample/film.mkv',
    'Film/film-SAMPLE.mp4',
    'Film/film.mp4.exe',
    'Film/setup.exe',
    'Film/run.bat',
    'Installer.app/Contents/film.mp4',
    'Film/player.js/film.mp4',
    'Film/poster.jpg',
    'Film/subs.srt',
    'Film/readme',
    '.mp4',
    '',
  ])('%s is not playable', (path) => {
    expect(isPlayablePath(path)).toBe(false);
  });
});

describe('choosePlayableFile', () => {
  const torrent = files(
    ['Film/Film.mkv', 700],
    ['Film/Sample/Film.sample.mkv', 50],
    ['Film/Film trailer.mp4', 900],
    ['Film/Extras/Making of.mp4', 300],
    ['Film/Film.mkv.exe', 5000],
    ['Film/poster.jpg', 10],
  );

  it('takes the largest playable video, skipping samples, trailers and programs', () => {
    expect(choosePlayableFile(torrent)).toBe(0);
  });

  it('follows a hint by index or by name when it names a playable file', () => {
    expect(choosePlayableFile(torrent, { fileIndex: 3 })).toBe(3);
    expect(choosePlayableFile(torrent, { fileIndex: 2 })).toBe(2);
    expect(choosePlayableFile(torrent, { fileName: 'Making of.mp4' })).toBe(3);
    expect(choosePlayableFile(torrent, { fileName: 'Extras/Making of.mp4' })).toBe(3);
    expect(choosePlayableFile(torrent, { fileName: 'film/extras/making OF.mp4' })).toBe(3);
  });

  it('ignores a hint that is missing or not playable', () => {
    expect(choosePlayableFile(torrent, { fileIndex: 99 })).toBe(0);
    expect(choosePlayableFile(torrent, { fileIndex: 4 })).toBe(0);
    expect(choosePlayableFile(torrent, { fileIndex: 1 })).toBe(0);
    expect(choosePlayableFile(torrent, { fileName: 'poster.jpg' })).toBe(0);
    expect(choosePlayableFile(torrent, { fileName: 'ing of.mp4' })).toBe(0);
  });

  it('returns undefined when nothing can be played', () => {
    expect(choosePlayableFile([])).toBeUndefined();
    expect(
      choosePlayableFile(files(['x/setup.exe', 10], ['x/sample.mp4', 10], ['x/a.txt', 1])),
    ).toBeUndefined();
  });

  it('uses a single-file torrent as is', () => {
    expect(choosePlayableFile(files(['Big Buck Bunny.mp4', 276_134_947]))).toBe(0);
  });
});
