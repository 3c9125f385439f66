import { lazy, Suspense } from 'react';
import { useFirstScreenShown } from '../../../lib/first-screen';
import type { TaskTable } from '../hooks/use-task-table';

// One chunk, loaded once the first rows are painted: the first screen does not carry it.
const Deferred = lazy(() =>
  import('./toolbar-habits-deferred').then((m) => ({ default: m.ToolbarHabitsDeferred })),
);

/** The toolbar's saved views and "Copy as ticket note" for the filtered list. */
export function ToolbarHabits(props: { table: TaskTable; totalCount: number | undefined }) {
  const ready = useFirstScreenShown();
  if (!ready) return null;
  return (
    <Suspense fallback={null}>
      <Deferred {...props} />
    </Suspense>
  );
}
