import { Alert, Button, type AlertProps } from 'antd';
import type { ReactNode } from 'react';
import { CopyButton } from '../../../components/copy-button';
import { ApiRequestError, type ApiErrorHints } from '../../../lib/api-client';
import { t } from '../../../lib/i18n';
import { recommendHref } from '../../../shared/upstream-error';

/** One term of the error list; nothing when `value` is empty. */
function Entry({
  term,
  testId,
  mono,
  children,
}: {
  term: string;
  testId: string;
  mono?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <dt>{term}</dt>
      <dd className={mono ? 'rtc-mono' : undefined} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

/** A link only to Alibaba Cloud's own https sites (recommendHref); anything else is inert text. */
export function RecommendValue({ value }: { value: string }) {
  const href = recommendHref(value);
  if (!href) return <span data-testid="error-recommend-text">{value}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" data-testid="error-recommend-link">
      {value}
    </a>
  );
}

/** The RequestId line of an error's details (with a copy button), when the answer had one. */
function RequestIdEntry({ requestId }: { requestId: string | undefined }) {
  if (!requestId) return null;
  return (
    <>
      <dt>{t('error.requestId')}</dt>
      <dd className="rtc-mono" data-testid="error-request-id">
        {requestId} <CopyButton value={requestId} label={t('error.requestId')} />
      </dd>
    </>
  );
}

/** HostId, the RAM action to grant and the rest of AccessDeniedDetail, Recommend. */
function HintEntries({ hints }: { hints: ApiErrorHints }) {
  const d = hints.accessDeniedDetail;
  const principal = [d?.AuthPrincipalType, d?.AuthPrincipalDisplayName, d?.AuthPrincipalOwnerId]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      {d?.AuthAction ? (
        <Entry term={t('error.grant')} testId="error-auth-action">
          {t('error.grantHint')} <code className="rtc-mono">{d.AuthAction}</code>{' '}
          <CopyButton value={d.AuthAction} label={t('error.grant')} />
        </Entry>
      ) : null}
      {d?.NoPermissionType ? (
        <Entry term={t('error.noPermissionType')} testId="error-no-permission-type">
          {d.NoPermissionType}
        </Entry>
      ) : null}
      {d?.PolicyType ? (
        <Entry term={t('error.policyType')} testId="error-policy-type">
          {d.PolicyType}
        </Entry>
      ) : null}
      {principal ? (
        <Entry term={t('error.principal')} testId="error-principal">
          {principal}
        </Entry>
      ) : null}
      {d?.EncodedDiagnosticMessage ? (
        <Entry term={t('error.diagnostic')} testId="error-diagnostic" mono>
          <span className="rtc-error-diagnostic">{d.EncodedDiagnosticMessage}</span>{' '}
          <CopyButton value={d.EncodedDiagnosticMessage} label={t('error.diagnostic')} />
        </Entry>
      ) : null}
      {hints.recommend ? (
        <Entry term={t('error.recommend')} testId="error-recommend">
          <RecommendValue value={hints.recommend} />
        </Entry>
      ) : null}
      {hints.hostId ? (
        <Entry term={t('error.hostId')} testId="error-host-id" mono>
          {hints.hostId}
        </Entry>
      ) : null}
    </>
  );
}

/**
 * What went wrong, in the API's words (Code, Message, RequestId to quote to support), how
 * to fix the account when the upstream said (the RAM action to grant, Recommend), with Retry.
 * With `keptData` (rows of the last answer still on screen) it is one line with the rest
 * behind "Details", for a place that floats over the rows (task-browser.tsx), and with
 * `onDismiss` a close button (named `error.dismiss`) that calls it.
 */
export function ErrorState({
  error,
  title,
  onRetry,
  keptData = false,
  onDismiss,
}: {
  error: unknown;
  title: string;
  onRetry?: () => void;
  keptData?: boolean;
  /** With `keptData`: the line's close button calls it (the caller stops showing this error). */
  onDismiss?: () => void;
}) {
  const e =
    error instanceof ApiRequestError
      ? error
      : new ApiRequestError('ClientError', error instanceof Error ? error.message : String(error), 0);
  // What both forms share: an error Alert announced to screen readers, with Retry.
  const alert: AlertProps & { 'data-testid': string } = {
    type: 'error',
    showIcon: true,
    role: 'alert',
    'data-testid': 'error-state',
    action: onRetry ? (
      <Button size="small" danger onClick={onRetry} data-testid="retry">
        {t('error.retry')}
      </Button>
    ) : undefined,
  };
  if (keptData)
    // The rows of the last answer stay on screen: one line (title, Code, Message) that
    // floats over them, the rest behind "Details".
    return (
      <Alert
        {...alert}
        className="rtc-error-line"
        closable={onDismiss ? { 'aria-label': t('error.dismiss'), onClose: onDismiss } : false}
        title={
          <span className="rtc-error-line-text">
            <strong>{title}</strong>{' '}
            <code className="rtc-mono" data-testid="error-code">
              {e.code}
            </code>{' '}
            <span data-testid="error-message">{e.message}</span>
          </span>
        }
        description={
          <details>
            <summary>{t('error.details')}</summary>
            <dl className="rtc-error-list">
              <RequestIdEntry requestId={e.requestId} />
              <HintEntries hints={e.hints} />
            </dl>
            <p className="rtc-muted">{t('error.keptData')}</p>
          </details>
        }
      />
    );
  return (
    <Alert
      {...alert}
      title={title}
      description={
        <div>
          <dl className="rtc-error-list">
            <dt>{t('error.code')}</dt>
            <dd className="rtc-mono" data-testid="error-code">
              {e.code}
            </dd>
            <dt>{t('error.message')}</dt>
            <dd data-testid="error-message">{e.message}</dd>
            <RequestIdEntry requestId={e.requestId} />
            <HintEntries hints={e.hints} />
          </dl>
        </div>
      }
    />
  );
}
