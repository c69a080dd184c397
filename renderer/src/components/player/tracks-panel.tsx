// The sound and subtitles panel: sound tracks by language and title, subtitle tracks (those
// this player cannot show yet are listed and marked), a file of the viewer's own, timing and size.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioTrack, MediaPlan, SubtitleTrack } from '../../../../shared/media';
import { USER_TRACK, type Subtitles } from './use-subtitles';
import type { SubtitleSize } from './subtitle-prefs';

interface Props {
  plan: MediaPlan;
  subtitles: Subtitles;
  onAudio(track: number): void;
  onClose(): void;
}

const SIZES: SubtitleSize[] = ['small', 'medium', 'large'];
const languageName = (code: string | undefined, locale: string): string | undefined => {
  if (!code) return undefined;
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

export function TracksPanel({ plan, subtitles, onAudio, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // the track asked for shows as chosen at once; the engine's next plan then confirms it
  const [asked, setAsked] = useState<{ plan: MediaPlan; track: number }>();
  const audioTrack = asked && asked.plan === plan ? asked.track : plan.audioTrack;

  useEffect(() => {
    // keyboard users land on the current choice, as in any radio group
    const current = panel.current?.querySelector<HTMLInputElement>('input[type=radio]:checked');
    (current ?? panel.current?.querySelector<HTMLInputElement>('input, button'))?.focus();
  }, []);

  useEffect(() => {
    const element = panel.current;
    if (!element) return;
    // Escape closes the panel, not the player behind it (the player skips handled keys)
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onClose();
    };
    element.addEventListener('keydown', onKey);
    return () => element.removeEventListener('keydown', onKey);
  }, [onClose]);
  const audioLabel = (a: AudioTrack) =>
    [
      languageName(a.language, i18n.language),
      a.title,
      a.codec.toUpperCase(),
      a.channels && `${a.channels} ch`,
    ]
      .filter(Boolean)
      .join(' · ') || t('media.track', { n: a.id + 1 });
  const subtitleLabel = (s: SubtitleTrack, n: number) =>
    [
      languageName(s.language, i18n.language),
      s.title,
      s.format.toUpperCase(),
      s.forced && t('media.forced'),
      !s.supported && t('media.notSupported'),
    ]
      .filter(Boolean)
      .join(' · ') || t('media.track', { n: n + 1 });

  return (
    <div
      ref={panel}
      className="tracks-panel"
      role="dialog"
      aria-label={t('media.tracks')}
      data-testid="tracks-panel"
    >
      {plan.audioTracks.length > 1 && (
        <fieldset className="tracks-panel__group">
          <legend>{t('media.sound')}</legend>
          {plan.audioTracks.map((a) => (
            <label key={a.id} className="tracks-panel__choice">
              <input
                type="radio"
                name="audio-track"
                checked={audioTrack === a.id}
                onChange={() => {
                  setAsked({ plan, track: a.id });
                  onAudio(a.id);
                }}
              />
              {audioLabel(a)}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="tracks-panel__group">
        <legend>{t('media.subtitles')}</legend>
        <label className="tracks-panel__choice">
          <input
            type="radio"
            name="subtitle-track"
            checked={subtitles.selected === 'off'}
            onChange={() => subtitles.select('off')}
          />
          {t('media.off')}
        </label>
        {plan.subtitles.map((s, n) => (
          <label key={s.id} className="tracks-panel__choice" data-testid="subtitle-choice">
            <input
              type="radio"
              name="subtitle-track"
              disabled={!s.supported}
              checked={subtitles.selected === s.id}
              onChange={() => subtitles.select(s.id)}
            />
            {subtitleLabel(s, n)}
          </label>
        ))}
        {subtitles.userFileName && (
          <label className="tracks-panel__choice">
            <input
              type="radio"
              name="subtitle-track"
              checked={subtitles.selected === USER_TRACK}
              onChange={() => subtitles.select(USER_TRACK)}
            />
            {t('media.addedFile', { name: subtitles.userFileName })}
          </label>
        )}
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          {t('media.addFile')}
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          accept=".srt,.vtt,.ass,.ssa"
          data-testid="subtitle-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void subtitles.addFile(file);
            e.target.value = '';
          }}
        />
        {subtitles.failed && <p role="alert">{t('media.subtitleFailed')}</p>}
      </fieldset>
      <fieldset className="tracks-panel__group">
        <legend>{t('media.offset')}</legend>
        <div className="tracks-panel__row">
          <button
            type="button"
            className="button"
            aria-label={t('media.earlier')}
            onClick={() => subtitles.setOffset(subtitles.offsetSeconds - 0.5)}
          >
            −
          </button>
          <output data-testid="subtitle-offset">
            {t('media.offsetValue', { seconds: subtitles.offsetSeconds.toFixed(1) })}
          </output>
          <button
            type="button"
            className="button"
            aria-label={t('media.later')}
            onClick={() => subtitles.setOffset(subtitles.offsetSeconds + 0.5)}
          >
            +
          </button>
        </div>
      </fieldset>
      <fieldset className="tracks-panel__group">
        <legend>{t('media.size')}</legend>
        {SIZES.map((size) => (
          <label key={size} className="tracks-panel__choice">
            <input
              type="radio"
              name="subtitle-size"
              checked={subtitles.size === size}
              onChange={() => subtitles.setSize(size)}
            />
            {t(`media.sizes.${size}`)}
          </label>
        ))}
      </fieldset>
      <button type="button" className="button" onClick={onClose}>
        {t('media.close')}
      </button>
    </div>
  );
}
