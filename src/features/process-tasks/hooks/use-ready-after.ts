import { useEffect, useState } from 'react';

/** False until `delayMs` after `condition` first holds, then true for good. */
export function useReadyAfter(condition: boolean, delayMs: number): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!condition || ready) return;
    const id = window.setTimeout(() => setReady(true), delayMs);
    return () => window.clearTimeout(id);
  }, [condition, ready, delayMs]);
  return ready;
}
