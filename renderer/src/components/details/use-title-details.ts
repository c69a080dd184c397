// A title's full details: the shelf's copy at once, and for titles whose source answers on demand
// (episodes, runtime) the source's answer once it comes. A failure keeps the shelf's copy shown.
import { useCallback, useEffect, useState } from 'react';
import type { Title } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/errors';
import { askDetails } from '../../store/actions';

export type DetailsState =
  | { status: 'ready'; title: Title }
  | { status: 'loading'; title: Title }
  | { status: 'failed'; title: Title; error: AppError };

export function useTitleDetails(title: Title | undefined): {
  state: DetailsState | undefined;
  retry: () => void;
} {
  const [answer, setAnswer] = useState<{ id: string; state: DetailsState } | undefined>();
  const [attempt, setAttempt] = useState(0);
  const titleId = title?.id;
  const resolvable = title?.resolvable === true;

  useEffect(() => {
    if (!titleId || !resolvable) return;
    let current = true;
    void askDetails(titleId).then((result) => {
      if (!current) return;
      setAnswer({
        id: titleId,
        state: result.ok
          ? { status: 'ready', title: result.value }
          : { status: 'failed', title: { id: titleId } as Title, error: result.error },
      });
    });
    return () => {
      current = false;
    };
  }, [titleId, resolvable, attempt]);

  const retry = useCallback(() => {
    setAnswer(undefined);
    setAttempt((n) => n + 1);
  }, []);

  if (!title) return { state: undefined, retry };
  if (!resolvable) return { state: { status: 'ready', title }, retry };
  const known = answer?.id === title.id ? answer.state : undefined;
  if (!known) return { state: { status: 'loading', title }, retry };
  // on failure the shelf's copy stays shown with the error beside it
  return { state: known.status === 'failed' ? { ...known, title } : known, retry };
}
