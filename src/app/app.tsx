import { TaskBrowser } from '../features/process-tasks/components/task-browser';
import { t } from '../lib/i18n';
import { DemoBanner, ModeBadge } from './demo-banner';
import { renderExportSlot } from './export-slot';
import { ThemeVars } from './theme-vars';
import { lazy, Suspense } from 'react';
import { useFirstScreenShown } from '../lib/first-screen';

// antd Select loads after the first rows; the label and the control's place show at once.
const TimeZoneSelect = lazy(() => import('./time-zone-select').then((m) => ({ default: m.TimeZoneSelect })));

/** The zone select once the first rows are painted; its label and place until then. */
function DeferredTimeZoneSelect() {
  const afterFirstRows = useFirstScreenShown();
  const placeholder = (
    <div className="rtc-zone">
      <span className="rtc-header-meta">{t('app.timeZone')}</span>
      <span className="rtc-control-placeholder rtc-control-placeholder-sm" aria-hidden />
    </div>
  );
  return <Suspense fallback={placeholder}>{afterFirstRows ? <TimeZoneSelect /> : placeholder}</Suspense>;
}

export function App() {
  return (
    <ThemeVars>
      <div className="rtc-app">
        <DemoBanner />
        <header className="rtc-header">
          <div className="rtc-header-left">
            <h1 className="rtc-title">{t('app.title')}</h1>
            <p className="rtc-subtitle">{t('app.subtitle')}</p>
          </div>
          <div className="rtc-header-right">
            <ModeBadge />
            <DeferredTimeZoneSelect />
          </div>
        </header>
        <main className="rtc-main">
          <TaskBrowser exportSlot={renderExportSlot} />
        </main>
      </div>
    </ThemeVars>
  );
}
