import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { t } from '../lib/i18n';
import { appConfigQueryOptions } from './get-app-config';

/** Says plainly when the data is the emulator's, not an Alibaba Cloud account's. */
export function DemoBanner() {
  const config = useQuery(appConfigQueryOptions());
  if (config.data?.mode !== 'demo') return null;
  return <Alert banner type="info" showIcon title={t('app.demoBanner')} data-testid="demo-banner" />;
}

export function ModeBadge() {
  const config = useQuery(appConfigQueryOptions());
  if (config.data?.mode !== 'live') return null;
  return <span className="rtc-header-meta">{t('app.liveEndpoint', { host: config.data.endpointHost })}</span>;
}
