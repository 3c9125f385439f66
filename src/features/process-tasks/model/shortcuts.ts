/**
 * The list's keyboard shortcuts, as data, and the guard that decides whether a key press
 * is one. Pure (no DOM types beyond what a key event carries), so the guard is unit tested
 * with plain objects.
 *
 * The rule: a shortcut never fires while the analyst types (an input, textarea, select or
 * contenteditable has focus, or an IME composition is running: Chinese input goes through
 * one), nor with Ctrl, Alt or Meta held (those belong to the browser and the system), nor
 * inside an open modal or pop-up (the help dialog, the export dialog, a menu), nor when an
 * earlier handler already used the key (`defaultPrevented`).
 */
import type { HabitsKey } from '../habits-i18n';

export type ShortcutAction =
  'next' | 'prev' | 'open' | 'close' | 'prevTask' | 'nextTask' | 'search' | 'copyId' | 'copyLink' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** `KeyboardEvent.key` values that trigger it. */
  keys: readonly string[];
  /** How the help dialog writes the keys. */
  shown: readonly string[];
  label: HabitsKey;
}

/** Every shortcut, in the order the help dialog lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'next', keys: ['j', 'ArrowDown'], shown: ['j', '↓'], label: 'shortcuts.next' },
  { action: 'prev', keys: ['k', 'ArrowUp'], shown: ['k', '↑'], label: 'shortcuts.prev' },
  { action: 'open', keys: ['Enter'], shown: ['Enter'], label: 'shortcuts.open' },
  { action: 'close', keys: ['Escape'], shown: ['Esc'], label: 'shortcuts.close' },
  { action: 'prevTask', keys: ['['], shown: ['['], label: 'shortcuts.prevTask' },
  { action: 'nextTask', keys: [']'], shown: [']'], label: 'shortcuts.nextTask' },
  { action: 'search', keys: ['/'], shown: ['/'], label: 'shortcuts.search' },
  { action: 'copyId', keys: ['c'], shown: ['c'], label: 'shortcuts.copyId' },
  { action: 'copyLink', keys: ['l'], shown: ['l'], label: 'shortcuts.copyLink' },
  { action: 'help', keys: ['?'], shown: ['?'], label: 'shortcuts.help' },
];

const BY_KEY = new Map<string, ShortcutAction>(SHORTCUTS.flatMap((s) => s.keys.map((k) => [k, s.action])));

/** The part of an event target the guard looks at (an Element satisfies it). */
export interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
  getAttribute?: (name: string) => string | null;
  closest?: (selector: string) => unknown;
}

/** The part of a KeyboardEvent the guard looks at. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: unknown;
}

/** Input types that take no typed text: keys pressed there are not typing. */
const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'radio',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
]);
const TEXT_ROLES = new Set([
  'textbox',
  'combobox',
  'searchbox',
  'spinbutton',
  'listbox',
  'menu',
  'menuitem',
  'slider',
]);

/** Modals and pop-ups that own the keyboard while open (antd class names); the drawer is not one. */
export const KEYBOARD_OWNERS =
  '.ant-modal-wrap, .ant-dropdown, .ant-select-dropdown, .ant-picker-dropdown, .ant-popover';

/** True when keys pressed with this target as focus are text being typed (or a widget's own keys). */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const el = target as TargetLike;
  if (el.isContentEditable) return true;
  const tag = el.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((el.type ?? 'text').toLowerCase());
  const role = el.getAttribute?.('role');
  return role !== null && role !== undefined && TEXT_ROLES.has(role);
}

/**
 * The shortcut a key press means, or undefined when it is none or must not fire (see the
 * module comment). Shift is allowed only where the key needs it (`?` on most layouts).
 */
export function shortcutFor(e: KeyLike): ShortcutAction | undefined {
  if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing || e.defaultPrevented) return undefined;
  const action = BY_KEY.get(e.key);
  if (action === undefined) return undefined;
  // Shift+arrow selects text and Shift+Enter is a different command; `?`, `[`… may need Shift.
  if (e.shiftKey && (e.key.startsWith('Arrow') || e.key === 'Enter')) return undefined;
  if (isTypingTarget(e.target)) return undefined;
  const el = e.target as TargetLike | null;
  if (typeof el === 'object' && el !== null && el.closest?.(KEYBOARD_OWNERS)) return undefined;
  return action;
}

/** The index `step` rows away from `current` (-1: none focused yet), kept within 0…count-1. */
export function stepIndex(current: number, step: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + step));
}
