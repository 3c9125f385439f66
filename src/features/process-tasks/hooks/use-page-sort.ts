import { useMemo, useState } from 'react';
import type { TaskRecord } from '../../../shared/responses';
import { isDurationColumn, sortByDuration, type DurationColumnId } from '../model/durations';
import type { ColumnSort } from '../model/sort';

/**
 * A sort the API cannot do (the duration columns): it orders the rows of the page on
 * screen, not the list, and holds only for the list it was chosen on (`listKey`, the
 * view as written in the URL: another page, filter or server order drops it). The server
 * sort stays in the URL; this one is not written anywhere.
 */
export function usePageSort(rows: TaskRecord[] | undefined, listKey: string, now: number) {
  const [chosen, setChosen] = useState<{ listKey: string; id: DurationColumnId; desc: boolean }>();
  const active = chosen?.listKey === listKey ? chosen : undefined;
  const sortedRows = useMemo(
    () => (active && rows ? sortByDuration(rows, active.id, active.desc, now) : rows),
    [active, rows, now],
  );
  /** Takes a new table sort: true when it was a page sort (kept here), false to hand it to the server. */
  const take = (next: readonly ColumnSort[]): boolean => {
    const first = next[0];
    if (first && isDurationColumn(first.id)) {
      setChosen({ listKey, id: first.id, desc: first.desc });
      return true;
    }
    setChosen(undefined);
    return false;
  };
  const sorting: ColumnSort[] | undefined = active ? [{ id: active.id, desc: active.desc }] : undefined;
  return { sortedRows, sorting, take };
}
