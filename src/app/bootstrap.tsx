// dayjs first: its plugins must be installed before any module formats a time.
import '../lib/dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from '../lib/query-client';
import { App } from './app';
import { handOverEarlyRequests } from './early-handoff';
import { restoreLocaleSetting } from './locale-setting';
import { restoreThemeSetting } from './theme-setting';
import { restoreTimeZoneSetting } from './time-zone-setting';
import { AppProviders } from './providers';
import { PageBoundary } from '../components/load-failure';
import './app.css';

/** performance.mark set when the app's React root is about to render. */
export const APP_RENDER_MARK = 'rtc:app-render';

/**
 * How long the first render waits for the early list answer to be in the cache (ms).
 * Usually it is there before the app has booted; waiting for it puts the rows in the
 * first commit instead of rendering the whole screen twice (loading, then rows), which
 * cost about 30 ms more in Chromium's profile. A slower answer does not hold the screen
 * back: it renders with its loading state after this wait.
 */
const EARLY_ANSWER_WAIT_MS = 50;

function settledOrAfter(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    void promise.finally(() => {
      window.clearTimeout(timer);
      resolve();
    });
  });
}

export function bootstrap(container: HTMLElement): void {
  const queryClient = createQueryClient();
  const listSettled = handOverEarlyRequests(queryClient);
  restoreTimeZoneSetting();
  restoreThemeSetting();
  const render = () => {
    performance.mark(APP_RENDER_MARK);
    createRoot(container).render(
      <StrictMode>
        <AppProviders queryClient={queryClient}>
          <PageBoundary>
            <App />
          </PageBoundary>
        </AppProviders>
      </StrictMode>,
    );
  };
  // Chinese (remembered or the browser's) loads its catalogs first; English has them.
  const localeReady = restoreLocaleSetting();
  void Promise.all([localeReady, settledOrAfter(listSettled, EARLY_ANSWER_WAIT_MS)]).then(render);
}
