import { useCallback, useMemo, useState } from 'react';
import type { ProcessTasksAnswer, TaskRecord } from '../../../shared/responses';
import { holdsNewTasks, mergeHeldPage, mergeInPlace, type LiveMerge } from '../model/live-merge';
import type { TaskListView } from '../model/task-view';

interface LiveState {
  /** The view the rows were fetched for (its JSON). */
  key: string;
  /** `dataUpdatedAt` of the last answer taken in (ms, browser clock). */
  updatedAt: number;
  /** The last answer's rows, as the API sent them ("show" shows these). */
  latest: TaskRecord[];
  merge: LiveMerge;
  /** Counts the merges that changed rows: the highlight alternates between two classes on it. */
  generation: number;
  /** Answers updated at or after this (ms) are shown as they are (a Refresh the analyst asked for). */
  showAllFrom: number | undefined;
}

const asIs = (rows: TaskRecord[]): LiveMerge => ({
  rows,
  newCount: 0,
  newAtLeast: false,
  changedIds: [],
  goneIds: [],
});

const NO_CHANGES: ReadonlySet<string> = new Set();

export interface LiveRows {
  /** The rows to show (undefined before the first answer). */
  rows: TaskRecord[] | undefined;
  /** New tasks waiting behind the banner (page 1, newest first only). */
  newCount: number;
  /** A full page of new tasks: there may be more. */
  newAtLeast: boolean;
  /** The class of a row's `<tr>` for its TaskId: the brief highlight of a row that just changed. */
  rowClassName: (taskId: string | undefined) => string | undefined;
  /** Shows the last answer as it is (the banner's "show"). */
  showNew: () => void;
  /** The next answer is shown as it is: call before a refresh the analyst asked for. */
  showNextAnswer: () => void;
}

/**
 * What the table shows of the list's answers while they refresh (model/live-merge.ts):
 * on page 1 newest first, the rows on screen stay put and new tasks wait behind the
 * banner; elsewhere each answer is shown as it is. In both, rows whose fields changed get
 * a highlight class for one refresh. A new view (filters, page, sort, page size), a
 * placeholder (the previous view's rows while the new one loads) or a Refresh the analyst
 * asked for shows the answer as it is.
 *
 * `data` is the query's answer for `view` (undefined while loading or after a failed first
 * load), `isPlaceholder` its React Query flag, `updatedAt` its `dataUpdatedAt`, `fallback`
 * the rows to show when there is no answer (the last good one, see use-task-list.ts).
 */
export function useLiveRows({
  view,
  data,
  isPlaceholder,
  updatedAt,
  fallback,
}: {
  view: TaskListView;
  data: ProcessTasksAnswer | undefined;
  isPlaceholder: boolean;
  updatedAt: number;
  fallback: ProcessTasksAnswer | undefined;
}): LiveRows {
  const key = JSON.stringify(view);
  // An answer already there at mount (the first page, handed over by the entry chunk) is the
  // initial state: taking it in by a state update during render would render the whole
  // screen's owner twice before the first rows.
  const [state, setState] = useState<LiveState | undefined>(() =>
    data !== undefined && !isPlaceholder
      ? {
          key,
          updatedAt,
          latest: data.ProcessTasks,
          merge: asIs(data.ProcessTasks),
          generation: 0,
          showAllFrom: undefined,
        }
      : undefined,
  );

  let next = state;
  if (data !== undefined && !isPlaceholder && (state === undefined || updatedAt !== state.updatedAt)) {
    const fresh = data.ProcessTasks;
    const asked = state?.showAllFrom !== undefined && updatedAt >= state.showAllFrom;
    if (state === undefined || state.key !== key || asked) {
      next = {
        key,
        updatedAt,
        latest: fresh,
        merge: asIs(fresh),
        generation: state?.generation ?? 0,
        showAllFrom: asked ? undefined : state?.showAllFrom,
      };
    } else {
      const merge = holdsNewTasks(view)
        ? mergeHeldPage(state.merge.rows, fresh, view.pageSize)
        : mergeInPlace(state.merge.rows, fresh);
      next = {
        ...state,
        updatedAt,
        latest: fresh,
        merge,
        generation: state.generation + (merge.changedIds.length > 0 ? 1 : 0),
      };
    }
    setState(next);
  }

  const current = next !== undefined && next.key === key && !isPlaceholder ? next : undefined;
  const changed = current?.merge.changedIds;
  const parity = (current?.generation ?? 0) % 2;
  const changedSet = useMemo(() => (changed?.length ? new Set(changed) : NO_CHANGES), [changed]);
  const rowClassName = useCallback(
    (taskId: string | undefined) =>
      taskId !== undefined && changedSet.has(taskId)
        ? `rtc-row-changed rtc-row-changed-${parity}`
        : undefined,
    [changedSet, parity],
  );
  const showNew = useCallback(
    () => setState((s) => (s === undefined ? s : { ...s, merge: asIs(s.latest) })),
    [],
  );
  const showNextAnswer = useCallback(
    () => setState((s) => (s === undefined ? s : { ...s, showAllFrom: Date.now() })),
    [],
  );

  return {
    rows: current ? current.merge.rows : (data ?? fallback)?.ProcessTasks,
    newCount: current?.merge.newCount ?? 0,
    newAtLeast: current?.merge.newAtLeast ?? false,
    rowClassName,
    showNew,
    showNextAnswer,
  };
}
