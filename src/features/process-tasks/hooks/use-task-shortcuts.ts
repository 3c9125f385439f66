/**
 * The list's keyboard shortcuts (model/shortcuts.ts lists them): one keydown listener on
 * the document, reading the latest props through a ref. Row focus is DOM focus on the
 * table's rows (`tbody tr.rtc-row`, roving tabindex kept by task-table.tsx), so a screen
 * reader reads the row it lands on; `announcement` says "Row 3 of 20: task …" as well,
 * for a polite live region.
 */
import { useEffect, useRef, useState } from 'react';
import { writeClipboard } from '../../../components/copy-button';
import { t } from '../../../lib/i18n';
import { shortcutFor, stepIndex, type ShortcutAction } from '../model/shortcuts';
import type { TaskUrlState } from '../model/url-state';
import { absoluteHref, currentTaskUrlState } from './task-url-store';
import { focusedRow, ROWS, rowElements } from './task-table-focus';
import { th } from '../habits-i18n';
import { feedback } from '../../../components/feedback';

export interface ShortcutTargets {
  /** The TaskIds of the page, in order. */
  taskIds: readonly string[];
  openTaskId: string | undefined;
  openTask: (taskId: string) => void;
  closeTask: () => void;
}

/** The one search box of the filter bar (components/search-box.tsx). */
const SEARCH_INPUT = '#filter-search';

export function useTaskShortcuts(targets: ShortcutTargets) {
  const { message } = feedback;
  const latest = useRef(targets);
  useEffect(() => {
    latest.current = targets;
  });
  const [helpOpen, setHelpOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const copy = (text: string, done: string) =>
      writeClipboard(text).then(
        () => void message.success(done, 1.5),
        () => void message.error(t('copy.failed')),
      );

    const moveRow = (step: 1 | -1) => {
      const rows = rowElements();
      const current = focusedRow(false);
      const hasFocus = current !== undefined && current === document.activeElement;
      const from = current ? rows.indexOf(current) : -1;
      // The first j lands on the roving row itself; later ones move from it.
      const next = hasFocus
        ? stepIndex(from, step, rows.length)
        : from >= 0
          ? from
          : stepIndex(-1, step, rows.length);
      const row = rows[next];
      if (!row) return;
      row.focus();
      row.scrollIntoView?.({ block: 'nearest' });
      setAnnouncement(
        th('shortcuts.rowFocused', {
          index: next + 1,
          count: rows.length,
          id: row.getAttribute('data-task-id') ?? '',
        }),
      );
    };

    const stepTask = (step: 1 | -1) => {
      const { taskIds, openTaskId, openTask } = latest.current;
      const i = openTaskId === undefined ? -1 : taskIds.indexOf(openTaskId);
      const next = i < 0 ? undefined : taskIds[i + step];
      if (next === undefined) void message.info(th('shortcuts.edge'), 1.5);
      else openTask(next);
    };

    /** The task a copy means: the open one in the drawer, else the focused row's. */
    const taskInFocus = (): string | undefined =>
      latest.current.openTaskId ?? focusedRow(true)?.getAttribute('data-task-id') ?? undefined;

    const run = (action: ShortcutAction, e: KeyboardEvent): boolean => {
      const { openTaskId, closeTask } = latest.current;
      const target = e.target instanceof Element ? e.target : null;
      const inDrawer = target?.closest('.ant-drawer') != null;
      const onRowOrPage = target === null || target === document.body || target.closest(ROWS) !== null;
      switch (action) {
        case 'next':
        case 'prev':
          // Arrows keep their own meaning on buttons and in the drawer; j/k only leave the drawer alone.
          if (inDrawer || (e.key.startsWith('Arrow') && !onRowOrPage)) return false;
          moveRow(action === 'next' ? 1 : -1);
          return true;
        case 'open':
          // A focused row opens on Enter by itself (task-table.tsx); Enter elsewhere is the element's.
          return false;
        case 'close':
          // antd's Drawer closes on Escape itself when focus is in its panel, through the
          // host's onClose that gives focus back to the row. While it opens (focus on the
          // drawer's root during the motion) or with focus left on the page, it does not:
          // close it here.
          // Through the drawer's own close button, so the host's focus return runs as for a click.
          if (openTaskId === undefined || target?.closest('.ant-drawer-content-wrapper')) return false;
          {
            const closeButton = document.querySelector<HTMLElement>('.ant-drawer-open .ant-drawer-close');
            if (closeButton) closeButton.click();
            else closeTask();
          }
          return true;
        case 'prevTask':
        case 'nextTask':
          if (openTaskId === undefined) return false;
          stepTask(action === 'nextTask' ? 1 : -1);
          return true;
        case 'search': {
          const input = document.querySelector<HTMLElement>(SEARCH_INPUT);
          if (!input) return false;
          if (openTaskId !== undefined) closeTask();
          input.focus();
          return true;
        }
        case 'copyId': {
          const id = taskInFocus();
          if (id === undefined) void message.info(th('shortcuts.noRow'), 1.5);
          else void copy(id, th('shortcuts.idCopied'));
          return true;
        }
        case 'copyLink': {
          const id = taskInFocus();
          const state: TaskUrlState = { view: currentTaskUrlState().view };
          if (id !== undefined) state.openTaskId = id;
          void copy(absoluteHref(state), t('toolbar.linkCopied'));
          return true;
        }
        case 'help':
          setHelpOpen(true);
          return true;
      }
    };

    const onKeyDown = (e: KeyboardEvent) => {
      const action = shortcutFor(e);
      if (action !== undefined && run(action, e)) e.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [message]);

  return { helpOpen, closeHelp: () => setHelpOpen(false), announcement };
}
