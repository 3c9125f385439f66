import { TaskBrowser } from '../features/process-tasks/components/task-browser';
import { SkipToTable } from '../features/process-tasks/components/skip-to-table';
import { t } from '../lib/i18n';
import { DemoBanner, ModeBadge } from './demo-banner';
import { renderExportSlot } from './export-slot';
import { ThemeVars } from './theme-vars';
import { lazy, Suspense } from 'react';
import { useFirstScreenShown } from '../lib/first-screen';

// antd Select loads after the first rows; the labels and the controls' places show at once.
const HeaderSettings = lazy(() => import('./header-settings').then((m) => ({ default: m.HeaderSettings })));

/** Language, theme and zone selects once the first rows are painted; labels and places until then. */
function DeferredHeaderSettings() {
  const afterFirstRows = useFirstScreenShown();
  const placeholder = (
    <>
      {(['app.language', 'app.theme', 'app.timeZone'] as const).map((key) => (
        <div className="rtc-zone" key={key}>
          <span className="rtc-header-meta">{t(key)}</span>
          <span className="rtc-control-placeholder rtc-control-placeholder-sm" aria-hidden />
        </div>
      ))}
    </>
  );
  return <Suspense fallback={placeholder}>{afterFirstRows ? <HeaderSettings /> : placeholder}</Suspense>;
}

export function App() {
  return (
    <ThemeVars>
      <div className="rtc-app">
        <SkipToTable />
        <DemoBanner />
        <header className="rtc-header">
          <div className="rtc-header-left">
            <h1 className="rtc-title">{t('app.title')}</h1>
            <p className="rtc-subtitle">{t('app.subtitle')}</p>
          </div>
          <div className="rtc-header-right">
            <ModeBadge />
            <DeferredHeaderSettings />
          </div>
        </header>
        <main className="rtc-main">
          <TaskBrowser exportSlot={renderExportSlot} />
        </main>
      </div>
    </ThemeVars>
  );
}
