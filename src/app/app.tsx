import { TaskBrowser } from '../features/process-tasks/components/task-browser';
import { t } from '../lib/i18n';
import { DemoBanner, ModeBadge } from './demo-banner';
import { renderExportSlot } from './export-slot';
import { ThemeVars } from './theme-vars';
import { TimeZoneSelect } from './time-zone-select';

export function App() {
  return (
    <ThemeVars>
      <div className="rtc-app">
        <DemoBanner />
        <header className="rtc-header">
          <div>
            <h1 className="rtc-title">{t('app.title')}</h1>
            <p className="rtc-subtitle">{t('app.subtitle')}</p>
          </div>
          <div className="rtc-header-right">
            <ModeBadge />
            <TimeZoneSelect />
          </div>
        </header>
        <main className="rtc-main">
          <TaskBrowser exportSlot={renderExportSlot} />
        </main>
      </div>
    </ThemeVars>
  );
}
