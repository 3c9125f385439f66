// Loaded on demand (React.lazy, toolbar-habits.tsx) once the first rows are painted.
import type { TaskTable } from '../hooks/use-task-table';
import { SavedViewsMenu } from './saved-views-menu';
import { ListNoteButton } from './ticket-note-button';

export function ToolbarHabitsDeferred({
  table,
  totalCount,
}: {
  table: TaskTable;
  totalCount: number | undefined;
}) {
  return (
    <>
      <SavedViewsMenu table={table} />
      <ListNoteButton totalCount={totalCount} />
    </>
  );
}
