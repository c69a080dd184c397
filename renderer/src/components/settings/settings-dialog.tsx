// Settings: speed limits, connections, sharing after watching, read-ahead, local network, language;
// and the Sources page. Language applies the moment it is chosen; the other fields are checked,
// then saved together.
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageSetting, Settings } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/errors';
import {
  checkNumberField,
  fieldTexts,
  NUMBER_FIELDS,
  type FieldProblem,
  type NumberField,
} from '../../lib/settings-form';
import { saveSettings } from '../../store/actions';
import { pushErrorNotice, setSettingsDialog, useAppStore } from '../../store/app-store';
import { ErrorMessage } from '../common/error-message';
import { ModalDialog } from '../common/modal-dialog';
import { NumberSetting } from './number-setting';
import { SourcesPage } from './sources-page';

const PAGES = ['general', 'sources'] as const;
type Page = (typeof PAGES)[number];

export function SettingsDialog() {
  const { t } = useTranslation();
  const settings = useAppStore((s) => s.settings);
  const [page, setPage] = useState<Page>('general');
  const refs = useRef<Partial<Record<Page, HTMLButtonElement | null>>>({});
  // arrow keys move between the pages, as in any tab list
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = PAGES[(PAGES.indexOf(page) + 1) % PAGES.length] ?? 'general';
    setPage(next);
    refs.current[next]?.focus();
  };
  return (
    <ModalDialog
      title={t('settings.title')}
      testId="settings-dialog"
      onClose={() => setSettingsDialog(false)}
    >
      <div
        className="tabs"
        role="tablist"
        aria-label={t('settings.pages')}
        onKeyDown={onKeyDown}
        tabIndex={-1}
      >
        {PAGES.map((name) => (
          <button
            key={name}
            ref={(el) => {
              refs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`settings-tab-${name}`}
            className="tab"
            data-testid={`settings-tab-${name}`}
            aria-selected={page === name}
            aria-controls={`settings-panel-${name}`}
            tabIndex={page === name ? 0 : -1}
            onClick={() => setPage(name)}
          >
            {t(`settings.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`settings-panel-${page}`} aria-labelledby={`settings-tab-${page}`}>
        {page === 'sources' ? (
          <SourcesPage />
        ) : settings ? (
          <SettingsForm settings={settings} />
        ) : (
          <p className="muted">{t('settings.loading')}</p>
        )}
      </div>
    </ModalDialog>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const [texts, setTexts] = useState(() => fieldTexts(settings));
  const [seed, setSeed] = useState(settings.seedAfterWatching);
  const [localNetwork, setLocalNetwork] = useState(settings.allowLocalNetwork);
  const [ffmpegPath, setFfmpegPath] = useState(settings.ffmpegPath);
  const [liveLatency, setLiveLatency] = useState(settings.liveLatency);
  const [liveSharing, setLiveSharing] = useState(settings.liveSharing);
  const [problems, setProblems] = useState<Partial<Record<NumberField, FieldProblem>>>({});
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);

  const onLanguage = async (language: LanguageSetting) => {
    const result = await saveSettings({ language });
    if (!result.ok) pushErrorNotice(result.error);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Partial<Record<NumberField, FieldProblem>> = {};
    const values: Partial<Record<NumberField, number>> = {};
    for (const field of NUMBER_FIELDS) {
      const checked = checkNumberField(field, texts[field]);
      if (checked.ok) values[field] = checked.value;
      else found[field] = checked.problem;
    }
    setProblems(found);
    const firstBad = NUMBER_FIELDS.find((f) => found[f]);
    if (firstBad) {
      document.getElementById(`setting-${firstBad}`)?.focus();
      return;
    }
    setSaving(true);
    const result = await saveSettings({
      ...values,
      seedAfterWatching: seed,
      allowLocalNetwork: localNetwork,
      ffmpegPath: ffmpegPath.trim().slice(0, 4096),
      liveLatency,
      liveSharing,
    });
    setSaving(false);
    if (result.ok) setSettingsDialog(false);
    else setSaveError(result.error);
  };

  const numberProps = (field: NumberField) => ({
    field,
    text: texts[field],
    problem: problems[field],
    onChange: (text: string) => setTexts((prev) => ({ ...prev, [field]: text })),
  });

  return (
    <form className="form settings-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="field">
        <label htmlFor="setting-language" className="field__label">
          {t('settings.language')}
        </label>
        <select
          id="setting-language"
          className="select"
          value={settings.language}
          onChange={(e) => void onLanguage(e.target.value as LanguageSetting)}
        >
          <option value="system">{t('settings.languageSystem')}</option>
          {/* each language is named in itself, so anyone can find their own */}
          <option value="en" lang="en">
            English
          </option>
          <option value="fr" lang="fr">
            Français
          </option>
        </select>
        <p className="field__hint">{t('settings.languageHint')}</p>
      </div>
      <fieldset className="fieldset">
        <legend>{t('settings.speed')}</legend>
        <NumberSetting {...numberProps('downloadLimitKiBps')} unit="kibps" />
        <NumberSetting {...numberProps('uploadLimitKiBps')} unit="kibps" />
        <NumberSetting {...numberProps('maxConnections')} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.playback')}</legend>
        <NumberSetting {...numberProps('bufferAheadSeconds')} unit="seconds" />
        <div className="checkbox">
          <input
            id="setting-seed"
            type="checkbox"
            checked={seed}
            onChange={(e) => setSeed(e.target.checked)}
            aria-describedby="setting-seed-hint"
          />
          <label htmlFor="setting-seed">{t('settings.seedAfterWatching')}</label>
        </div>
        <p id="setting-seed-hint" className="field__hint">
          {t('settings.seedHint')}
        </p>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.live')}</legend>
        <div className="field">
          <label htmlFor="setting-live-latency" className="field__label">
            {t('settings.liveLatency')}
          </label>
          <select
            id="setting-live-latency"
            className="select"
            value={liveLatency}
            onChange={(e) => setLiveLatency(e.target.value as Settings['liveLatency'])}
            aria-describedby="setting-live-latency-hint"
          >
            <option value="standard">{t('settings.liveLatencyStandard')}</option>
            <option value="low-latency">{t('settings.liveLatencyLow')}</option>
          </select>
          <p id="setting-live-latency-hint" className="field__hint">
            {t('settings.liveLatencyHint')}
          </p>
        </div>
        <div className="checkbox">
          <input
            id="setting-live-sharing"
            type="checkbox"
            checked={liveSharing}
            onChange={(e) => setLiveSharing(e.target.checked)}
            aria-describedby="setting-live-sharing-hint"
          />
          <label htmlFor="setting-live-sharing">{t('settings.liveSharing')}</label>
        </div>
        <p id="setting-live-sharing-hint" className="field__hint">
          {t('settings.liveSharingHint')}
        </p>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.network')}</legend>
        <div className="checkbox">
          <input
            id="setting-local-network"
            type="checkbox"
            checked={localNetwork}
            onChange={(e) => setLocalNetwork(e.target.checked)}
            aria-describedby="setting-local-network-hint"
          />
          <label htmlFor="setting-local-network">{t('settings.allowLocalNetwork')}</label>
        </div>
        <p id="setting-local-network-hint" className="field__hint">
          {t('settings.allowLocalNetworkHint')}
        </p>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('settings.conversion')}</legend>
        <div className="field">
          <label htmlFor="setting-ffmpeg" className="field__label">
            {t('settings.ffmpegPath')}
          </label>
          <input
            id="setting-ffmpeg"
            className="text-input"
            type="text"
            value={ffmpegPath}
            maxLength={4096}
            spellCheck={false}
            onChange={(e) => setFfmpegPath(e.target.value)}
            aria-describedby="setting-ffmpeg-hint"
          />
        </div>
        <p id="setting-ffmpeg-hint" className="field__hint">
          {t('settings.ffmpegPathHint')}
        </p>
      </fieldset>
      <p className="field__error" role="alert">
        {saveError && <ErrorMessage error={saveError} />}
      </p>
      <div className="form__actions">
        <button type="button" className="button" onClick={() => setSettingsDialog(false)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
      </div>
    </form>
  );
}
