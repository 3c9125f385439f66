import { lazy, Suspense } from 'react';
import { useFirstScreenShown } from '../../../lib/first-screen';
import type { TaskTable } from '../hooks/use-task-table';

// Both load once the first rows are painted: the first screen does not carry them.
const SavedViewsMenu = lazy(() => import('./saved-views-menu').then((m) => ({ default: m.SavedViewsMenu })));
const ListNoteButton = lazy(() =>
  import('./ticket-note-button').then((m) => ({ default: m.ListNoteButton })),
);

/** The toolbar's saved views and "Copy as ticket note" for the filtered list. */
export function ToolbarHabits({ table, totalCount }: { table: TaskTable; totalCount: number | undefined }) {
  const ready = useFirstScreenShown();
  if (!ready) return null;
  return (
    <Suspense fallback={null}>
      <SavedViewsMenu table={table} />
      <ListNoteButton totalCount={totalCount} />
    </Suspense>
  );
}
