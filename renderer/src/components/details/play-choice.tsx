// The ways to play a film or an episode, asked from its source: a loading line, then one Play
// button, or a choice (label, size, peers) with the first preselected, and what was left out.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlayOption } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/errors';
import { parseOpenInput } from '../../../../shared/open-input';
import { errorDetail, errorKey } from '../../lib/error-messages';
import { leftOutLines } from '../../lib/left-out-text';
import { useFormat } from '../../lib/use-format';
import { askPlayOptions, playSource } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { PlayIcon } from '../common/icons';
import { PlayEntryButton } from './play-entry-button';

interface Props {
  label: string;
  titleId: string;
  episodeId?: string;
  describedAs?: string;
  primary?: boolean;
  /** ask at once (a film's page) rather than when Play is pressed (an episode in a list) */
  eager?: boolean;
}

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'failed'; error: AppError }
  | { status: 'ready'; options: PlayOption[]; ignored: string[]; chosen: number };

function play(option: PlayOption, props: Props): void {
  const parsed = parseOpenInput(option.source);
  if (!parsed.ok) return;
  void playSource({
    source: parsed.source,
    label: props.label,
    titleId: props.titleId,
    ...(props.episodeId ? { episodeId: props.episodeId } : {}),
    ...(option.fileName ? { fileName: option.fileName } : {}),
    ...(option.fileIndex !== undefined ? { fileIndex: option.fileIndex } : {}),
  });
}

export function PlayChoice(props: Props) {
  const { titleId, episodeId, eager } = props;
  const { t } = useTranslation();
  const [state, setState] = useState<State>(eager ? { status: 'loading' } : { status: 'idle' });
  const item = useAppStore((s) =>
    s.library.find(
      (i) =>
        i.titleId === titleId &&
        (episodeId === undefined ? !i.episodeId : i.episodeId === episodeId),
    ),
  );

  const answered = (
    result: Awaited<ReturnType<typeof askPlayOptions>>,
    playIfOne: boolean,
  ): void => {
    if (!result.ok) return setState({ status: 'failed', error: result.error });
    const { options } = result.value;
    setState({ status: 'ready', options, ignored: leftOutLines(result.value, t), chosen: 0 });
    const only = options[0];
    if (playIfOne && options.length === 1 && only) play(only, props);
  };
  const load = async (playIfOne: boolean) => {
    setState({ status: 'loading' });
    answered(await askPlayOptions(titleId, episodeId), playIfOne);
  };

  useEffect(() => {
    if (!eager) return;
    let current = true;
    void askPlayOptions(titleId, episodeId).then((result) => {
      if (current) answered(result, false);
    });
    return () => {
      current = false;
    };
    // asked again only when the title or episode changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [titleId, episodeId, eager]);

  // already in the library: play (or resume) what was chosen before
  if (item) return <PlayEntryButton {...props} source={item.magnet} />;

  if (state.status === 'idle') {
    return <PlayButton props={props} onClick={() => void load(true)} />;
  }
  if (state.status === 'loading') {
    return (
      <p className="muted play-choice__wait" role="status" data-testid="play-options-loading">
        {t('details.findingWays')}
      </p>
    );
  }
  if (state.status === 'failed') {
    const sentence = t('details.waysFailed');
    return (
      <div className="play-choice" role="alert">
        <p>{sentence}</p>
        {errorDetail(state.error, t(errorKey(state.error.code))) && (
          <p className="muted">{state.error.message}</p>
        )}
        <button type="button" className="button" onClick={() => void load(false)}>
          {t('details.tryAgain')}
        </button>
      </div>
    );
  }
  return (
    <div className="play-choice">
      {state.options.length === 0 && <p>{t('details.noWays')}</p>}
      {state.options.length === 1 && state.options[0] && (
        <PlayButton
          props={props}
          onClick={() => state.options[0] && play(state.options[0], props)}
        />
      )}
      {state.options.length > 1 && (
        <Choice
          options={state.options}
          chosen={state.chosen}
          onChoose={(chosen) => setState({ ...state, chosen })}
          onPlay={() => {
            const option = state.options[state.chosen];
            if (option) play(option, props);
          }}
          props={props}
        />
      )}
      {state.ignored.length > 0 && (
        <ul className="play-choice__ignored muted" data-testid="play-options-ignored">
          {state.ignored.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function PlayButton({ props, onClick }: { props: Props; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={props.primary ? 'button button--primary button--large' : 'button'}
      data-testid="play-button"
      {...(props.episodeId ? { 'data-episode-id': props.episodeId } : {})}
      aria-label={
        props.describedAs
          ? t('details.playLabel', { action: t('details.play'), what: props.describedAs })
          : undefined
      }
      onClick={onClick}
    >
      <PlayIcon />
      {t('details.play')}
    </button>
  );
}

function Choice({
  options,
  chosen,
  onChoose,
  onPlay,
  props,
}: {
  options: PlayOption[];
  chosen: number;
  onChoose: (index: number) => void;
  onPlay: () => void;
  props: Props;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useId();
  const first = useRef<HTMLInputElement>(null);
  // an episode's choice opens after a press: the keyboard lands on it
  useEffect(() => {
    if (!props.eager) first.current?.focus();
  }, [props.eager]);
  return (
    <form
      className="play-choice__form"
      onSubmit={(event) => {
        event.preventDefault();
        onPlay();
      }}
    >
      <fieldset className="play-choice__options" data-testid="play-options">
        <legend>{t('details.chooseWay')}</legend>
        {options.map((option, index) => (
          <label
            key={`${option.source}#${option.fileIndex ?? ''}`}
            className="play-choice__option"
            data-testid="play-option"
          >
            <input
              ref={index === 0 ? first : undefined}
              type="radio"
              name={name}
              checked={index === chosen}
              onChange={() => onChoose(index)}
            />
            <span className="play-choice__label">
              {option.label ?? t('details.wayNumber', { number: index + 1 })}
            </span>
            {option.sizeBytes !== undefined && (
              <span className="play-choice__fact">{format.bytes(option.sizeBytes)}</span>
            )}
            {option.peers !== undefined && (
              <span className="play-choice__fact">
                {t('details.peers', { count: option.peers })}
              </span>
            )}
          </label>
        ))}
      </fieldset>
      <button
        type="submit"
        className={props.primary ? 'button button--primary button--large' : 'button'}
        data-testid="play-button"
        {...(props.episodeId ? { 'data-episode-id': props.episodeId } : {})}
        aria-label={
          props.describedAs
            ? t('details.playLabel', { action: t('details.playChosen'), what: props.describedAs })
            : undefined
        }
      >
        <PlayIcon />
        {t('details.playChosen')}
      </button>
    </form>
  );
}
