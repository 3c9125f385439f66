import { lazy, Suspense, useState } from 'react';
import type { TaskRecord } from '../../../shared/sophonsoar';

const TaskDrawer = lazy(() => import('./task-drawer').then((m) => ({ default: m.TaskDrawer })));

/** Keyboard users land back on the row they opened. */
function focusRow(taskId: string | undefined) {
  if (taskId === undefined) return;
  const row = document.querySelector<HTMLElement>(`tbody tr[data-task-id="${CSS.escape(taskId)}"]`);
  row?.focus();
}

/**
 * The drawer of the open task. Its chunk loads on first open and stays mounted after
 * (for its close animation).
 */
export function TaskDrawerHost({
  openTaskId,
  pageRows,
  onClose,
}: {
  openTaskId: string | undefined;
  pageRows: TaskRecord[] | undefined;
  onClose: () => void;
}) {
  const [mounted, setMounted] = useState(openTaskId !== undefined);
  if (openTaskId !== undefined && !mounted) setMounted(true);
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <TaskDrawer
        taskId={openTaskId}
        pageRows={pageRows}
        onClose={() => {
          onClose();
          // When the drawer closes before its opening animation ended, antd gives
          // focus to nobody: put it back on the row.
          window.setTimeout(() => {
            if (document.activeElement === document.body) focusRow(openTaskId);
          }, 400);
        }}
        onAfterClose={focusRow}
      />
    </Suspense>
  );
}
