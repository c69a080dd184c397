// One whole-number setting with its hint, a live reading ("No limit" for 0 on speed limits)
// and its problem in plain words, tied to the input for screen readers.
import { useTranslation } from 'react-i18next';
import { LIMITS, type FieldProblem, type NumberField } from '../../lib/settings-form';

interface Props {
  field: NumberField;
  text: string;
  problem: FieldProblem | undefined;
  onChange: (text: string) => void;
  unit?: 'kibps' | 'seconds';
}

export function NumberSetting({ field, text, problem, onChange, unit }: Props) {
  const { t } = useTranslation();
  const id = `setting-${field}`;
  const { min, max } = LIMITS[field];
  const value = Number(text);
  const reading =
    unit === 'kibps' && text.trim() !== '' && Number.isInteger(value)
      ? value === 0
        ? t('settings.noLimit')
        : t('settings.kibps', { value })
      : null;

  return (
    <div className="field field--number">
      <label htmlFor={id} className="field__label">
        {t(`settings.fields.${field}`)}
      </label>
      <div className="field__row">
        <input
          id={id}
          className="text-input text-input--number"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={problem !== undefined}
          aria-describedby={`${id}-hint ${id}-error`}
        />
        {reading && (
          <output htmlFor={id} className="field__reading">
            {reading}
          </output>
        )}
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {t(`settings.hints.${field}`)}
      </p>
      <p id={`${id}-error`} className="field__error">
        {problem?.kind === 'not-whole-number' && t('settings.problems.wholeNumber')}
        {problem?.kind === 'out-of-range' &&
          t('settings.problems.range', { min: problem.min, max: problem.max })}
      </p>
    </div>
  );
}
