// Settings, Sources: every catalog source with its state, and a field to add one (a web address,
// a manifest.json, a feed, a catalog link) or a ready-made one. Progress shows while adding.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SOURCE_PRESETS, type SourcePreset } from '../../../../shared/source-presets';
import type { AppError } from '../../../../shared/errors';
import { useAppStore } from '../../store/app-store';
import { addSource, loadSources } from '../../store/source-actions';
import { ErrorMessage } from '../common/error-message';
import { SourceRow } from './source-row';

export function SourcesPage() {
  const { t, i18n } = useTranslation();
  const sources = useAppStore((s) => s.sources);
  const [address, setAddress] = useState('');
  /** addresses being added; another address may be added meanwhile (nothing typed is dropped) */
  const [adding, setAdding] = useState<string[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void loadSources();
  }, []);

  const add = async (text: string, kind?: SourcePreset['kind']) => {
    if (adding.includes(text)) return;
    setError(null);
    setAdding((list) => [...list, text]);
    const result = await addSource(text, kind);
    setAdding((list) => list.filter((a) => a !== text));
    // the field may already hold the next address: only the one just added is cleared
    if (result.ok) setAddress((current) => (current.trim() === text ? '' : current));
    else {
      setError(result.error);
      document.getElementById('source-address')?.focus();
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = address.trim();
    if (text === '') {
      setError({ code: 'invalid-input', message: '' });
      return;
    }
    void add(text);
  };

  const language = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const presets = SOURCE_PRESETS.filter((p) => !sources?.some((s) => s.address === p.address));

  return (
    <div className="sources-page" data-testid="sources-page">
      <form className="form source-add" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="source-address" className="field__label">
            {t('sources.addLabel')}
          </label>
          <div className="source-add__row">
            <input
              id="source-address"
              className="text-input"
              type="text"
              inputMode="url"
              value={address}
              maxLength={8192}
              spellCheck={false}
              placeholder="https://…"
              aria-describedby="source-address-hint source-add-status"
              aria-invalid={error !== null}
              onChange={(e) => setAddress(e.target.value)}
            />
            <button
              type="submit"
              className="button button--primary"
              disabled={adding.includes(address.trim())}
            >
              {t('sources.add')}
            </button>
          </div>
          <p id="source-address-hint" className="field__hint">
            {t('sources.addHint')}
          </p>
        </div>
        <p id="source-add-status" className="field__error" role="status" aria-live="polite">
          {adding.length > 0 && <span className="muted">{t('sources.adding')}</span>}
          {error &&
            (error.message === '' ? t('sources.addressMissing') : <ErrorMessage error={error} />)}
        </p>
      </form>
      {presets.length > 0 && (
        <section aria-labelledby="source-presets-heading" className="source-presets">
          <h3 id="source-presets-heading" className="source-presets__heading">
            {t('sources.presets')}
          </h3>
          <ul className="source-presets__list">
            {presets.map((preset) => (
              <li key={preset.id} className="source-preset" data-testid="source-preset">
                <div>
                  <strong>{preset.name[language]}</strong>
                  <p className="muted">{preset.description[language]}</p>
                </div>
                <button
                  type="button"
                  className="button button--small"
                  // each preset's button says which source it adds, apart from the form's "Add"
                  aria-label={t('sources.addPresetLabel', { name: preset.name[language] })}
                  disabled={adding.includes(preset.address)}
                  onClick={() => void add(preset.address, preset.kind)}
                >
                  {t('sources.addPreset')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h3 className="visually-hidden">{t('sources.listHeading')}</h3>
      {sources === null ? (
        <p className="muted">{t('sources.loading')}</p>
      ) : sources.length === 0 ? (
        <p className="muted">{t('sources.none')}</p>
      ) : (
        <ul className="source-list" aria-label={t('sources.listHeading')}>
          {sources.map((source) => (
            <SourceRow key={source.id} source={source} />
          ))}
        </ul>
      )}
    </div>
  );
}
