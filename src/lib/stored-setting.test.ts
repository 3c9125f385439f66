import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedSetting } from './stored-setting';

// The unit project runs in Node: a Storage with the browser's string semantics stands in.
class MemoryStorage {
  readonly items = new Map<string, string>();
  failing = false;
  getItem(k: string): string | null {
    if (this.failing) throw new Error('SecurityError');
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    if (this.failing) throw new Error('QuotaExceededError');
    this.items.set(k, String(v));
  }
}

const isSize = (v: unknown): v is number => v === 10 || v === 20 || v === 50;
let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as { window?: unknown }).window = { localStorage: storage };
});
afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('storedSetting', () => {
  it.each([
    ['nothing stored', undefined, 20],
    ['a valid value', '50', 50],
    ['a value the check refuses', '7', 20],
    ['not JSON', '{oops', 20],
    ['a string of a valid number', '"10"', 20],
  ])('%s reads as %s', (_name, raw, expected) => {
    if (raw !== undefined) storage.items.set('k', raw);
    expect(storedSetting('k', isSize, 20).get()).toBe(expected);
  });

  it('set remembers the value as JSON and every reader of the page sees it', () => {
    const s = storedSetting('k', isSize, 20);
    s.set(50);
    expect(storage.items.get('k')).toBe('50');
    expect(s.get()).toBe(50);
    // A later page view reads it back.
    expect(storedSetting('k', isSize, 20).get()).toBe(50);
  });

  it('reads the storage once per page, then keeps the value in memory', () => {
    const s = storedSetting('k', isSize, 20);
    expect(s.get()).toBe(20);
    storage.items.set('k', '50');
    expect(s.get()).toBe(20);
  });

  it('a storage that throws (private mode, quota) still applies the choice for the page', () => {
    storage.failing = true;
    const s = storedSetting('k', isSize, 20);
    expect(s.get()).toBe(20);
    s.set(10);
    expect(s.get()).toBe(10);
  });
});
