import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { TaskRecord } from '../../../shared/responses';
import { processTaskQueryOptions } from '../api/get-process-task';
import type { TaskListView } from '../model/url-state';

const TaskDrawer = lazy(() => import('./task-drawer').then((m) => ({ default: m.TaskDrawer })));

/** Keyboard users land back on the row they opened. */
function focusRow(taskId: string | undefined) {
  if (taskId === undefined) return;
  const row = document.querySelector<HTMLElement>(`tbody tr[data-task-id="${CSS.escape(taskId)}"]`);
  row?.focus();
}

/**
 * The drawer of the open task. Its chunk loads on first open and stays mounted after
 * (for its close animation). The task's own request starts here, with the list's and the
 * chunk's, not once the chunk has loaded: a link to `/tasks/<id>` waits for neither.
 */
export function TaskDrawerHost({
  openTaskId,
  pageRows,
  view,
  now,
  onRefresh,
  onNavigate,
  onClose,
}: {
  openTaskId: string | undefined;
  pageRows: TaskRecord[] | undefined;
  view: TaskListView;
  /** The screen's clock (epoch ms, the list's `useNow`), so the drawer's durations move with the list's. */
  now: number;
  /** The screen's Refresh (the list and the open drawer), also offered in the drawer. */
  onRefresh: () => void;
  onNavigate: (taskId: string) => void;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (openTaskId !== undefined) void queryClient.prefetchQuery(processTaskQueryOptions(openTaskId));
  }, [openTaskId, queryClient]);
  const [mounted, setMounted] = useState(openTaskId !== undefined);
  if (openTaskId !== undefined && !mounted) setMounted(true);
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <TaskDrawer
        taskId={openTaskId}
        pageRows={pageRows}
        view={view}
        now={now}
        onRefresh={onRefresh}
        onNavigate={onNavigate}
        onClose={() => {
          onClose();
          // When the drawer closes before its opening animation ended, antd gives
          // focus to nobody: put it back on the row.
          window.setTimeout(() => {
            if (document.activeElement === document.body) focusRow(openTaskId);
          }, 400);
        }}
        // After antd's own focus return (to the row the drawer was opened from): after [ / ]
        // (hooks/use-task-shortcuts.ts) the task shown last is another row.
        onAfterClose={(id) => queueMicrotask(() => focusRow(id))}
      />
    </Suspense>
  );
}
