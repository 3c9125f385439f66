import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { t } from '../lib/i18n';
import { appConfigQueryOptions } from './get-app-config';

/** Says plainly when the data is the emulator's, not an Alibaba Cloud account's. */
export function DemoBanner() {
  const config = useQuery(appConfigQueryOptions());
  if (config.data?.mode !== 'demo') return null;
  const provider = config.data.credentialProvider;
  return (
    <Alert
      banner
      type="info"
      showIcon
      title={t('app.demoBanner')}
      description={
        provider ? (
          <span data-testid="credential-provider">{t('app.credentialProvider', { provider })}</span>
        ) : null
      }
      data-testid="demo-banner"
    />
  );
}

export function ModeBadge() {
  const config = useQuery(appConfigQueryOptions());
  if (config.data?.mode !== 'live') return null;
  const provider = config.data.credentialProvider;
  return (
    <span className="rtc-header-meta" data-testid="mode-badge">
      {t('app.liveEndpoint', { host: config.data.endpointHost })}
      {provider ? <> · {t('app.credentialProvider', { provider })}</> : null}
    </span>
  );
}
