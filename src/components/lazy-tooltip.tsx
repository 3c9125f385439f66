import type { TooltipProps } from 'antd';
import { cloneElement, useState, type MouseEvent, type ReactElement } from 'react';

type Child = ReactElement<{
  onMouseEnter?: (e: MouseEvent<HTMLElement>) => void;
  onMouseLeave?: (e: MouseEvent<HTMLElement>) => void;
  onMouseDown?: (e: MouseEvent<HTMLElement>) => void;
}>;

type AntdTooltip = typeof import('antd').Tooltip;
let Tooltip: AntdTooltip | undefined;
let loading: Promise<AntdTooltip> | undefined;

/** antd's Tooltip, loaded once (its chunk is not part of the first screen). */
function loadTooltip(): Promise<AntdTooltip> {
  loading ??= import('./antd-tooltip').then((m) => (Tooltip = m.Tooltip));
  return loading;
}

const hasSelection = (): boolean => {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed;
};

/**
 * The one pending hover: the pointer rests on one element at a time, so one timer serves
 * every LazyTooltip on the page (no effect or timer per instance).
 */
let pendingHover: (() => void) | undefined;

function cancelHover(): void {
  pendingHover?.();
  pendingHover = undefined;
}

/** After `delayMs` of hover, loads antd's Tooltip and calls `mount` (unless cancelled first). */
function startHover(mount: () => void, delayMs: number): void {
  cancelHover();
  let live = true;
  const id = window.setTimeout(
    () =>
      void loadTooltip().then(() => {
        // Mounting the Tooltip remounts `children`: text the analyst has selected in
        // the meantime (a double-click on a word) would be lost, so no tooltip then.
        if (live && !hasSelection()) mount();
      }),
    delayMs,
  );
  pendingHover = () => {
    live = false;
    window.clearTimeout(id);
  };
}

/**
 * antd's Tooltip (hover trigger), mounted only when the pointer has rested on `children`
 * for `mouseEnterDelay` seconds: a table has a tooltip per cell, and a mounted antd
 * Tooltip (trigger, portal, motion, style hooks) per cell was most of the cost of
 * rendering a page of rows. Until then an instance is one state and two handlers (a page
 * of rows has about 160: no effect each, one timer for the page). antd's Tooltip code
 * itself loads on the first such hover, so the first screen does not carry it. Once
 * mounted it opens at once (the delay has been waited) and then behaves as antd's own.
 * `title` may be a function, called only when shown. It is not mounted while text is
 * selected on the page (mounting remounts the child, which would drop the selection).
 * `children` must be one element that passes mouse events on (a DOM element or an antd
 * component), as antd's Tooltip requires.
 */
export function LazyTooltip({
  children,
  mouseEnterDelay = 0.1,
  ...props
}: Omit<TooltipProps, 'children' | 'open' | 'defaultOpen'> & { children: Child }) {
  const [mounted, setMounted] = useState(false);
  if (mounted && Tooltip)
    return (
      <Tooltip {...props} mouseEnterDelay={mouseEnterDelay} defaultOpen>
        {children}
      </Tooltip>
    );
  const { onMouseEnter, onMouseLeave, onMouseDown } = children.props;
  return cloneElement(children, {
    // A press acts on the element (a copy button takes focus): mounting the tooltip now
    // would remount it and drop that focus, so the pending hover is dropped instead.
    onMouseDown: (e: MouseEvent<HTMLElement>) => {
      onMouseDown?.(e);
      cancelHover();
    },
    onMouseEnter: (e: MouseEvent<HTMLElement>) => {
      onMouseEnter?.(e);
      startHover(() => setMounted(true), mouseEnterDelay * 1000);
    },
    onMouseLeave: (e: MouseEvent<HTMLElement>) => {
      onMouseLeave?.(e);
      cancelHover();
    },
  });
}
