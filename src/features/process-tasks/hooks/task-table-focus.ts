/**
 * Row focus in the task table, by DOM (the rows carry `data-task-id`): shared by the skip
 * link (first screen) and the keyboard shortcuts (loaded after it). No React, no antd.
 */
export const ROWS = 'tbody tr.rtc-row[data-task-id]';
/** The id of the table's wrapper, which the skip link targets. */
export const TASK_TABLE_ID = 'task-table';
export function rowElements(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(ROWS)];
}

/** The row that has focus, or the roving one (tabindex 0) when focus is elsewhere. */
export function focusedRow(onlyWithFocus: boolean): HTMLElement | undefined {
  const active = document.activeElement;
  const row = active instanceof HTMLElement ? active.closest<HTMLElement>(ROWS) : null;
  if (row) return row;
  return onlyWithFocus
    ? undefined
    : (document.querySelector<HTMLElement>(`${ROWS}[tabindex="0"]`) ?? undefined);
}

/** Focuses the current row of the table (the skip link's target), or the table itself. */
export function focusTable(): void {
  const row = focusedRow(false) ?? rowElements()[0];
  if (row) row.focus();
  else document.getElementById(TASK_TABLE_ID)?.focus();
}
