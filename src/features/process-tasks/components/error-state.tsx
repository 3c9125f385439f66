import { Alert, Button } from 'antd';
import { CopyButton } from '../../../components/copy-button';
import { ApiRequestError } from '../../../lib/api-client';
import { t } from '../../../lib/i18n';

/** What went wrong, in the API's words (Code, Message, RequestId to quote to support), with Retry. */
export function ErrorState({
  error,
  title,
  onRetry,
  keptData = false,
}: {
  error: unknown;
  title: string;
  onRetry?: () => void;
  keptData?: boolean;
}) {
  const e =
    error instanceof ApiRequestError
      ? error
      : new ApiRequestError('ClientError', error instanceof Error ? error.message : String(error), 0);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error-state"
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
            {e.requestId ? (
              <>
                <dt>{t('error.requestId')}</dt>
                <dd className="rtc-mono" data-testid="error-request-id">
                  {e.requestId} <CopyButton value={e.requestId} label={t('error.requestId')} />
                </dd>
              </>
            ) : null}
          </dl>
          {keptData ? <p className="rtc-muted">{t('error.keptData')}</p> : null}
        </div>
      }
      action={
        onRetry ? (
          <Button size="small" danger onClick={onRetry} data-testid="retry">
            {t('error.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
