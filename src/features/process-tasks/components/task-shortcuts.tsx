import { lazy, Suspense, useState } from 'react';
import { t } from '../../../lib/i18n';
import {
  focusTable,
  TASK_TABLE_ID,
  useTaskShortcuts,
  type ShortcutTargets,
} from '../hooks/use-task-shortcuts';

const ShortcutsHelp = lazy(() => import('./shortcuts-help').then((m) => ({ default: m.ShortcutsHelp })));

/** The keyboard shortcuts of the list: the listener, the live region for row moves, the help dialog. */
export function TaskShortcuts(props: ShortcutTargets) {
  const { helpOpen, closeHelp, announcement } = useTaskShortcuts(props);
  // Mounted from the first `?` on, so the dialog can animate closed.
  const [helpUsed, setHelpUsed] = useState(false);
  if (helpOpen && !helpUsed) setHelpUsed(true);
  return (
    <>
      <div className="rtc-sr-only" aria-live="polite" data-testid="row-announcement">
        {announcement}
      </div>
      {helpUsed ? (
        <Suspense fallback={null}>
          <ShortcutsHelp open={helpOpen} onClose={closeHelp} />
        </Suspense>
      ) : null}
    </>
  );
}

/** "Skip to the task table": the first stop of the keyboard, shown when focused. */
export function SkipToTable() {
  return (
    <a
      className="rtc-skip-link"
      href={`#${TASK_TABLE_ID}`}
      onClick={(e) => {
        e.preventDefault();
        focusTable();
      }}
    >
      {t('shortcuts.skipToTable')}
    </a>
  );
}
