import { useEffect, useState } from 'react';
import { serverClock, serverNow } from './server-clock';

/**
 * The server's current time (epoch ms, lib/server-clock.ts: the browser's clock corrected
 * by the API answers' `Date` header), refreshed every `intervalMs` (for "5 minutes ago"
 * labels), and at once when the estimate of the server's clock moves by 1 s or more.
 */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const id = window.setInterval(() => setNow(serverNow()), intervalMs);
    const off = serverClock.subscribe(() => setNow(serverNow()));
    return () => {
      window.clearInterval(id);
      off();
    };
  }, [intervalMs]);
  return now;
}
