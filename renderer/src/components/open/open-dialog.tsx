// "Open…": paste a magnet link, info hash or .torrent link (checked as you type), or pick a
// .torrent file. Either way the torrent is added to the library and starts playing; whatever is
// wrong with the input (damaged, nothing to play) is said here, and no player opens.
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isChannelLinkText, parseChannelLink } from '../../../../shared/channel-link';
import { parseOpenInput } from '../../../../shared/open-input';
import type { AppError } from '../../../../shared/errors';
import { translateOpenReason } from '../../lib/open-input-messages';
import { openAndPlay, openChannel } from '../../store/actions';
import { setOpenDialog } from '../../store/app-store';
import { ErrorMessage } from '../common/error-message';
import { ModalDialog } from '../common/modal-dialog';
import { useTorrentFileOpener, type OpenProblem } from './use-torrent-file-opener';

function ProblemText({ problem }: { problem: OpenProblem | null }) {
  if (!problem) return null;
  return 'error' in problem ? <ErrorMessage error={problem.error} /> : <>{problem.text}</>;
}

export function OpenDialog() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const openFile = useTorrentFileOpener();
  const [fileError, setFileError] = useState<OpenProblem | null>(null);
  /** the engine's refusal of the pasted link; cleared as soon as the text changes */
  const [linkError, setLinkError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { input: useId(), hint: useId(), error: useId(), file: useId() };

  const parsed = parseOpenInput(text);
  // an empty box is not an error until the user tries to submit it
  const showError = !parsed.ok && (text.trim() !== '' || submitted);
  // a channel link is opened by the live player, with its own reasons when it is malformed
  const channel = isChannelLinkText(text) ? parseChannelLink(text) : null;
  const error = channel
    ? channel.ok
      ? null
      : t(`open.channelReasons.${channel.problem}`)
    : !parsed.ok && showError
      ? translateOpenReason(parsed.problem, t)
      : null;
  const invalid = error !== null || linkError !== null;

  /** One open at a time; the dialog stays (and says what went wrong) until playback starts. */
  const run = async (open: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await open();
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (channel) {
      if (channel.ok) void openChannel(text.trim(), channel.link.name ?? t('open.channelLabel'));
      return;
    }
    if (!parsed.ok) return;
    const source = parsed.source;
    void run(async () => {
      setLinkError(await openAndPlay({ source, label: t('open.pastedLabel') }));
    });
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again should still trigger a change
    if (!file) return;
    void run(async () => {
      setFileError(null);
      setFileError(await openFile(file));
    });
  };

  return (
    <ModalDialog title={t('open.title')} testId="open-dialog" onClose={() => setOpenDialog(false)}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <label htmlFor={ids.input} className="field__label">
          {t('open.pasteLabel')}
        </label>
        <input
          id={ids.input}
          className="text-input"
          type="text"
          data-testid="open-input"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setLinkError(null);
          }}
          placeholder="magnet:?xt=urn:btih:…"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid}
          aria-describedby={`${ids.hint} ${ids.error}`}
          // the dialog exists to receive this text, so it gets the focus first
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
        />
        <p id={ids.hint} className="field__hint">
          {t('open.pasteHint')}
        </p>
        <p id={ids.error} className="field__error" aria-live="polite" data-testid="open-error">
          {error ?? (linkError && <ErrorMessage error={linkError} />)}
        </p>
        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            data-testid="open-submit"
            disabled={busy}
            aria-busy={busy}
          >
            {busy ? t('open.opening') : t('open.submit')}
          </button>
        </div>
      </form>
      <div className="divider">
        <span>{t('open.or')}</span>
      </div>
      <div className="file-pick">
        <label htmlFor={ids.file} className="button file-pick__label">
          {t('open.chooseFile')}
        </label>
        <input
          id={ids.file}
          className="visually-hidden-input"
          type="file"
          accept=".torrent,application/x-bittorrent"
          data-testid="open-file-input"
          disabled={busy}
          onChange={onFile}
        />
        <p className="field__hint">{t('open.dropHint')}</p>
        <p className="field__error" role="alert" data-testid="open-file-error">
          <ProblemText problem={fileError} />
        </p>
      </div>
    </ModalDialog>
  );
}
