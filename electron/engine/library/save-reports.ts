// Puts the library saver's reports into words: the user hears once that saving fails and once
// that it works again; every attempt goes to the log. Never decides anything about saving itself.
import type { Notice } from '../../../shared/domain.js';
import type { CodedError } from '../../../shared/errors.js';
import type { SaveReport } from './library-saver.js';

export interface SaveReportSinks {
  notice(level: Notice['level'], message: string, coded: Pick<Notice, 'code' | 'cause'>): void;
  log(message: string): void;
}

function reason(error: CodedError): string {
  if (error.code === 'disk-full') return 'the disk is full';
  if (error.code === 'download-folder-missing') return 'its data folder cannot be written to';
  return 'something went wrong while writing it';
}

export function reportLibrarySaves(sinks: SaveReportSinks): (report: SaveReport) => void {
  return (report) => {
    if (report.kind === 'failed') {
      const next = Math.round(report.retryInMs / 1000);
      sinks.log(
        `library save failed (attempt ${report.attempt}, next in ${next} s): ${report.error.message}`,
      );
      // the first failure of a run is news; the retries that follow are not
      if (report.attempt === 1) {
        sinks.notice(
          'error',
          `Your library could not be saved: ${reason(report.error)}. Essaim will keep trying; nothing is lost while it stays open.`,
          { code: 'library-not-saved', cause: report.error.code },
        );
      }
    } else if (report.kind === 'saved-again') {
      sinks.notice('info', 'Your library is saved again; no change was lost.', {
        code: 'library-saved-again',
      });
    } else {
      sinks.log(
        `The latest changes to your library could not be saved before closing: ${report.error.message}`,
      );
    }
  };
}
