import type { AbstractNode, IconDefinition } from '@ant-design/icons-svg/es/types';
import { createElement, type ReactNode } from 'react';

function svgChildren(nodes: AbstractNode[] | undefined): ReactNode {
  return nodes?.map((n, i) => createElement(n.tag, { key: i, ...n.attrs }, svgChildren(n.children)));
}

/**
 * An Ant Design icon (`@ant-design/icons-svg` definition) as plain markup: the same
 * `<span class="anticon"><svg>` that `@ant-design/icons` renders, without its component,
 * context and style hooks (a table renders dozens per page). Styled by app.css (.rtc-icon).
 * `label` names it for screen readers (role img); without one it is decorative (aria-hidden).
 */
export function PlainIcon({
  icon,
  label,
  className,
}: {
  icon: IconDefinition;
  label?: string | undefined;
  className?: string;
}) {
  const node = typeof icon.icon === 'function' ? icon.icon('currentColor', 'currentColor') : icon.icon;
  const cls = `anticon anticon-${icon.name} rtc-icon${className ? ` ${className}` : ''}`;
  return (
    <span
      className={cls}
      {...(label === undefined ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label })}
    >
      <svg
        {...node.attrs}
        data-icon={icon.name}
        width="1em"
        height="1em"
        fill="currentColor"
        aria-hidden="true"
      >
        {svgChildren(node.children)}
      </svg>
    </span>
  );
}
