// Notices when a start-up step has lasted long enough that the user deserves an explanation
// (no peers yet, a slow swarm). Resets whenever the step changes.
import { useEffect, useState } from 'react';

/** After this long in one step, the player explains what is going on and what helps. */
export const SLOW_WAIT_MS = 12_000;

export function useSlowWait(stepKey: string | null): boolean {
  const [slowKey, setSlowKey] = useState<string | null>(null);
  useEffect(() => {
    if (stepKey === null) return undefined;
    const timer = setTimeout(() => setSlowKey(stepKey), SLOW_WAIT_MS);
    return () => clearTimeout(timer);
  }, [stepKey]);
  return stepKey !== null && slowKey === stepKey;
}
