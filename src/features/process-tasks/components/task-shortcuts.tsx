// Loaded on demand (React.lazy) once the first rows are painted.
import { lazy, Suspense, useState } from 'react';
import { useTaskShortcuts, type ShortcutTargets } from '../hooks/use-task-shortcuts';

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
