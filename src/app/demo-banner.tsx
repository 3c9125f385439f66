import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../lib/i18n';
import { readJson, writeJson } from '../lib/local-storage';
import { appConfigQueryOptions } from './get-app-config';

/** localStorage key: `true` once the analyst closed the demo banner (it stays closed). */
export const DEMO_BANNER_DISMISSED_KEY = 'rtc.demo-banner.dismissed.v1';
const isTrue = (v: unknown): v is true => v === true;

/**
 * Says plainly when the data is the emulator's, not an Alibaba Cloud account's: one line,
 * closable, remembered closed (the mode badge in the header still says "demo").
 */
export function DemoBanner() {
  const config = useQuery(appConfigQueryOptions());
  const [dismissed, setDismissed] = useState(() => readJson(DEMO_BANNER_DISMISSED_KEY, isTrue) === true);
  if (config.data?.mode !== 'demo' || dismissed) return null;
  const provider = config.data.credentialProvider;
  // Plain markup rather than antd Alert: the first screen does not wait for Alert's code.
  return (
    <div className="rtc-demo-banner" role="note" data-testid="demo-banner">
      <span className="rtc-demo-banner-text">
        {t('app.demoBanner')}
        {provider ? (
          <>
            {' '}
            <span data-testid="credential-provider" className="rtc-muted">
              {t('app.credentialProvider', { provider })}
            </span>
          </>
        ) : null}
      </span>
      <button
        type="button"
        className="rtc-demo-banner-close"
        aria-label={t('app.dismissDemoBanner')}
        onClick={() => {
          writeJson(DEMO_BANNER_DISMISSED_KEY, true);
          setDismissed(true);
        }}
      >
        ×
      </button>
    </div>
  );
}

export function ModeBadge() {
  const config = useQuery(appConfigQueryOptions());
  if (config.data?.mode === 'demo')
    return (
      <span className="rtc-header-meta" data-testid="mode-badge">
        {t('app.demoBadge')}
      </span>
    );
  if (config.data?.mode !== 'live') return null;
  const provider = config.data.credentialProvider;
  return (
    <span className="rtc-header-meta" data-testid="mode-badge">
      {t('app.liveEndpoint', { host: config.data.endpointHost })}
      {provider ? <> · {t('app.credentialProvider', { provider })}</> : null}
    </span>
  );
}
