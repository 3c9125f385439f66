import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutFor, stepIndex, type KeyLike, type TargetLike } from './shortcuts';

const el = (tagName: string, extra: Partial<TargetLike> = {}): TargetLike => ({
  tagName,
  getAttribute: () => null,
  closest: () => null,
  ...extra,
});
const key = (k: string, patch: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  shiftKey: false,
  target: el('BODY'),
  ...patch,
});

describe('shortcutFor', () => {
  it.each([
    ['j', 'next'],
    ['ArrowDown', 'next'],
    ['k', 'prev'],
    ['ArrowUp', 'prev'],
    ['Enter', 'open'],
    ['Escape', 'close'],
    ['[', 'prevTask'],
    [']', 'nextTask'],
    ['/', 'search'],
    ['c', 'copyId'],
    ['l', 'copyLink'],
  ] as const)('%s on the page means %s', (k, action) => {
    expect(shortcutFor(key(k))).toBe(action);
  });

  it('? needs Shift on most layouts and still counts', () => {
    expect(shortcutFor(key('?', { shiftKey: true }))).toBe('help');
  });

  it.each([
    ['an input', el('INPUT', { type: 'text' })],
    ['a search input', el('INPUT', { type: 'search' })],
    ['an input without a type', el('input')],
    ['a textarea', el('TEXTAREA')],
    ['a select', el('SELECT')],
    ['a contenteditable', el('DIV', { isContentEditable: true })],
    ['a combobox', el('DIV', { getAttribute: (n) => (n === 'role' ? 'combobox' : null) })],
    ['a textbox role', el('SPAN', { getAttribute: (n) => (n === 'role' ? 'textbox' : null) })],
  ])('never fires while typing in %s', (_name, target) => {
    for (const k of ['j', 'k', 'c', 'l', '/', '[', ']', '?', 'ArrowDown', 'Enter', 'Escape'])
      expect(shortcutFor(key(k, { target })), k).toBeUndefined();
  });

  it.each([
    ['Ctrl', { ctrlKey: true }],
    ['Alt', { altKey: true }],
    ['Meta', { metaKey: true }],
    ['an IME composition', { isComposing: true }],
    ['a key already handled', { defaultPrevented: true }],
  ] as const)('never fires with %s', (_name, patch) => {
    for (const k of ['j', 'c', 'l', '/', '?']) expect(shortcutFor(key(k, patch)), k).toBeUndefined();
  });

  it('Shift+arrow (selection) and Shift+Enter are not shortcuts', () => {
    expect(shortcutFor(key('ArrowDown', { shiftKey: true }))).toBeUndefined();
    expect(shortcutFor(key('Enter', { shiftKey: true }))).toBeUndefined();
  });

  it('keys on buttons and checkboxes are not typing', () => {
    expect(shortcutFor(key('j', { target: el('BUTTON') }))).toBe('next');
    expect(shortcutFor(key('j', { target: el('INPUT', { type: 'checkbox' }) }))).toBe('next');
  });

  it('an open modal or menu owns the keyboard', () => {
    const inModal = el('BUTTON', { closest: (s) => (s.includes('.ant-modal-wrap') ? {} : null) });
    expect(shortcutFor(key('j', { target: inModal }))).toBeUndefined();
  });

  it('unmapped keys and capitals are not shortcuts', () => {
    for (const k of ['J', 'x', 'Tab', ' ', 'C']) expect(shortcutFor(key(k)), k).toBeUndefined();
  });

  it('a null target is the page', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(shortcutFor(key('j', { target: null }))).toBe('next');
  });
});

describe('stepIndex', () => {
  it.each([
    [-1, 1, 5, 0],
    [-1, -1, 5, 4],
    [0, 1, 5, 1],
    [4, 1, 5, 4],
    [0, -1, 5, 0],
    [2, -1, 5, 1],
    [-1, 1, 0, -1],
  ] as const)('from %i by %i of %i rows is %i', (from, step, count, to) => {
    expect(stepIndex(from, step, count)).toBe(to);
  });
});
