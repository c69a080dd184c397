// "Open…": paste a magnet link, info hash or .torrent link (checked as you type), or pick a
// .torrent file. Either way the torrent is added to the library and starts playing.
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isChannelLinkText, parseChannelLink } from '../../../../shared/channel-link';
import { parseOpenInput } from '../../../../shared/open-input';
import { translateOpenReason } from '../../lib/open-input-messages';
import { openChannel, playSource } from '../../store/actions';
import { setOpenDialog } from '../../store/app-store';
import { ModalDialog } from '../common/modal-dialog';
import { useTorrentFileOpener } from './use-torrent-file-opener';

export function OpenDialog() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const openFile = useTorrentFileOpener();
  const [fileError, setFileError] = useState<string | null>(null);
  const ids = { input: useId(), hint: useId(), error: useId(), file: useId() };

  const parsed = parseOpenInput(text);
  // a channel link is opened by the live player; its reason is already in plain words
  const channel = isChannelLinkText(text) ? parseChannelLink(text) : null;
  // an empty box is not an error until the user tries to submit it
  const showError = !parsed.ok && (text.trim() !== '' || submitted);
  const error = channel
    ? channel.ok
      ? null
      : t(`open.channelReasons.${channel.problem}`)
    : !parsed.ok && showError
      ? translateOpenReason(parsed.problem, t)
      : null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (channel?.ok) void openChannel(text.trim(), channel.link.name ?? t('open.channelLabel'));
    else if (!channel && parsed.ok)
      void playSource({ source: parsed.source, label: t('open.pastedLabel') });
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again should still trigger a change
    if (!file) return;
    setFileError(await openFile(file));
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
          onChange={(e) => setText(e.target.value)}
          placeholder="magnet:?xt=urn:btih:…"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={`${ids.hint} ${ids.error}`}
          // the dialog exists to receive this text, so it gets the focus first
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
        />
        <p id={ids.hint} className="field__hint">
          {t('open.pasteHint')}
        </p>
        <p id={ids.error} className="field__error" aria-live="polite">
          {error}
        </p>
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="open-submit">
            {t('open.submit')}
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
          onChange={(e) => void onFile(e)}
        />
        <p className="field__hint">{t('open.dropHint')}</p>
        <p className="field__error" role="alert">
          {fileError}
        </p>
      </div>
    </ModalDialog>
  );
}
