import { Tooltip, type TooltipProps } from 'antd';
import { cloneElement, useEffect, useState, type MouseEvent, type ReactElement } from 'react';

type Child = ReactElement<{
  onMouseEnter?: (e: MouseEvent<HTMLElement>) => void;
  onMouseLeave?: (e: MouseEvent<HTMLElement>) => void;
}>;

/**
 * antd's Tooltip (hover trigger), mounted only when the pointer has rested on `children`
 * for `mouseEnterDelay` seconds: a table has a tooltip per cell, and a mounted antd
 * Tooltip (trigger, portal, motion, style hooks) per cell was most of the cost of
 * rendering a page of rows. Once mounted it opens at once (the delay has been waited) and
 * then behaves as antd's own. `title` may be a function, called only when shown.
 * `children` must be one element that passes mouse events on (a DOM element or an antd
 * component), as antd's Tooltip requires.
 */
export function LazyTooltip({
  children,
  mouseEnterDelay = 0.1,
  ...props
}: Omit<TooltipProps, 'children' | 'open' | 'defaultOpen'> & { children: Child }) {
  const [mounted, setMounted] = useState(false);
  const [hovered, setHovered] = useState(false);
  useEffect(() => {
    if (!hovered || mounted) return;
    const id = window.setTimeout(() => setMounted(true), mouseEnterDelay * 1000);
    return () => window.clearTimeout(id);
  }, [hovered, mounted, mouseEnterDelay]);
  if (mounted)
    return (
      <Tooltip {...props} mouseEnterDelay={mouseEnterDelay} defaultOpen={hovered}>
        {children}
      </Tooltip>
    );
  const { onMouseEnter, onMouseLeave } = children.props;
  return cloneElement(children, {
    onMouseEnter: (e: MouseEvent<HTMLElement>) => {
      onMouseEnter?.(e);
      setHovered(true);
    },
    onMouseLeave: (e: MouseEvent<HTMLElement>) => {
      onMouseLeave?.(e);
      setHovered(false);
    },
  });
}
