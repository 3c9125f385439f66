import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { t } from '../lib/i18n';
import { PlainButton } from './plain-button';

/**
 * What the screen shows instead of going blank when rendering fails, most often because a
 * part whose code loads on demand (React.lazy) could not be fetched: the server is
 * unreachable, or the console was updated since the page was opened and the old chunk is
 * gone. Plain markup only (no lazy code, no antd component), so it can always show; the
 * URL keeps the analyst's filters, so Reload loses nothing.
 */
function PageFailure({ error }: FallbackProps) {
  return (
    <div className="rtc-page-failure" role="alert" data-testid="page-failure">
      <h2>{t('failure.pageTitle')}</h2>
      <p>{t('failure.pageBody')}</p>
      <p className="rtc-muted rtc-mono">{error instanceof Error ? error.message : String(error)}</p>
      <PlainButton variant="primary" onClick={() => window.location.reload()} data-testid="page-reload">
        {t('failure.reload')}
      </PlainButton>
    </div>
  );
}

/** The app under an error boundary (react-error-boundary): a failure shows PageFailure. */
export function PageBoundary({ children }: { children: ReactNode }) {
  return <ErrorBoundary FallbackComponent={PageFailure}>{children}</ErrorBoundary>;
}

/**
 * A part that may fail to load on its own (its code comes on demand) under its own
 * boundary: `fallback` instead of the whole page's failure screen. A change of `resetKey`
 * (e.g. a new error to show) tries the part again.
 */
export function PartBoundary({
  children,
  fallback,
  resetKey,
}: {
  children: ReactNode;
  fallback: ReactNode;
  resetKey?: unknown;
}) {
  return (
    <ErrorBoundary fallback={fallback} resetKeys={[resetKey]}>
      {children}
    </ErrorBoundary>
  );
}
