// What the user and the log are told about library saves: one notice when saving starts to fail,
// one when it works again, every attempt and a loss at close in the log.
import { expect, it } from 'vitest';
import { CodedError } from '../../../shared/errors.js';
import { reportLibrarySaves } from './save-reports.js';

function sinks() {
  const notices: Array<{ level: string; message: string; code?: string; cause?: string }> = [];
  const lines: string[] = [];
  const report = reportLibrarySaves({
    notice: (level, message, coded) => notices.push({ level, message, ...coded }),
    log: (line) => lines.push(line),
  });
  return { notices, lines, report };
}

const full = new CodedError('disk-full', 'Your disk is full, so your library could not be saved.');

it('tells the user once that saving fails, in plain words, and logs every attempt', () => {
  const { notices, lines, report } = sinks();
  report({ kind: 'failed', error: full, attempt: 1, retryInMs: 2_000 });
  report({ kind: 'failed', error: full, attempt: 2, retryInMs: 4_000 });
  expect(notices).toEqual([
    {
      level: 'error',
      message:
        'Your library could not be saved: the disk is full. Essaim will keep trying; nothing is lost while it stays open.',
      code: 'library-not-saved',
      cause: 'disk-full',
    },
  ]);
  expect(lines).toEqual([
    'library save failed (attempt 1, next in 2 s): Your disk is full, so your library could not be saved.',
    'library save failed (attempt 2, next in 4 s): Your disk is full, so your library could not be saved.',
  ]);
});

it('tells the user when it works again, and logs a loss at close', () => {
  const { notices, lines, report } = sinks();
  report({ kind: 'saved-again', failures: 3 });
  report({ kind: 'unsaved-at-close', error: full });
  expect(notices).toEqual([
    {
      level: 'info',
      message: 'Your library is saved again; no change was lost.',
      code: 'library-saved-again',
    },
  ]);
  expect(lines).toEqual([
    'The latest changes to your library could not be saved before closing: Your disk is full, so your library could not be saved.',
  ]);
});
