import { describe, expect, it } from 'vitest';
import {
  FILE_MAX_BYTES,
  captureView,
  deleteView,
  mergeViews,
  parseSavedViewsFile,
  readStoredViews,
  renameView,
  savedViewsFileText,
  upsertView,
  viewOf,
  type SavedView,
} from './saved-views';
import { DEFAULT_VIEW, parseSearch } from './url-state';

const COLUMNS = ['TaskId', 'TaskStatus', 'YunCode', 'Scope'];
const good: SavedView = {
  name: 'Failed WAF, last 24 h',
  search: 'TaskStatus=90&YunCode=WAF&ProcessActionStart=now-24h',
  columns: { TaskId: true, Scope: false },
  density: 'compact',
  savedAt: 1764230400000,
};
const file = (views: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'rtc-saved-views', version: 1, views, ...extra });

describe('saved views codec', () => {
  it('a captured view keeps filters, sort, page size (page 1), columns and density', () => {
    const { view } = parseSearch(
      'TaskStatus=90,91&ProcessActionStart=now-7d&OrderField=processTime&Direction=asc&PageSize=50&PageNumber=3',
    );
    const r = captureView('  Mine  ', view, { Scope: true }, 'comfortable', 5);
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'Mine',
        search: 'TaskStatus=90,91&ProcessActionStart=now-7d&OrderField=processTime&Direction=asc&PageSize=50',
        columns: { Scope: true },
        density: 'comfortable',
        savedAt: 5,
      },
    });
    // Relative stays relative; the page starts at 1.
    expect(viewOf(r.ok ? r.value : good)).toEqual({ ...view, page: 1 });
    expect(viewOf(r.ok ? r.value : good).filters.ProcessActionStart).toBe('now-7d');
  });

  it('export then import gives the same views', () => {
    const views = [good, { ...good, name: '中文视图', search: '', density: 'comfortable' as const }];
    expect(parseSavedViewsFile(savedViewsFileText(views), COLUMNS)).toEqual({ ok: true, value: views });
  });

  it('the default view is the empty query', () => {
    expect(viewOf({ ...good, search: '' })).toEqual(DEFAULT_VIEW);
  });

  it.each([
    ['not JSON', '{"format": "rtc-saved-views",', /not JSON/],
    ['empty file', '', /not JSON/],
    ['an array', '[]', /\(file\): Invalid input: expected object/],
    [
      'another format',
      file([], { format: 'grafana-dashboard' }),
      /format: Invalid input: expected "rtc-saved-views"/,
    ],
    ['a newer version', file([], { version: 2 }), /version: Invalid input: expected 1/],
    [
      'no views',
      JSON.stringify({ format: 'rtc-saved-views', version: 1 }),
      /views: Invalid input: expected array/,
    ],
    ['an unknown top-level key', file([], { extra: 1 }), /Unrecognized key: "extra"/],
    [
      'a name that is not a string',
      file([{ ...good, name: 5 }]),
      /views\[0\]\.name: Invalid input: expected string/,
    ],
    ['an empty name', file([{ ...good, name: '   ' }]), /views\[0\]\.name: Too small/],
    ['a long name', file([{ ...good, name: 'x'.repeat(81) }]), /views\[0\]\.name: Too big/],
    ['a bad density', file([{ ...good, density: 'tiny' }]), /views\[0\]\.density: Invalid option/],
    [
      'columns not booleans',
      file([{ ...good, columns: { Scope: 'yes' } }]),
      /views\[0\]\.columns\.Scope: Invalid input: expected boolean/,
    ],
    [
      'an unknown column',
      file([{ ...good, columns: { Bogus: true } }]),
      /views\[0\]\.columns: unknown column "Bogus"/,
    ],
    [
      'an unknown parameter',
      file([good, { ...good, name: 'b', search: 'Foo=1' }]),
      /views\[1\]\.search: Foo is not a parameter/,
    ],
    [
      'an unknown status',
      file([{ ...good, search: 'TaskStatus=abc' }]),
      /views\[0\]\.search: TaskStatus: the value “abc” is not a known value/,
    ],
    [
      'a malformed time',
      file([{ ...good, search: 'ProcessActionStart=yesterday' }]),
      /views\[0\]\.search: ProcessActionStart: the value “yesterday” is malformed/,
    ],
    [
      'a duplicate name',
      file([good, good]),
      /views\[1\]\.name: the name "Failed WAF, last 24 h" appears twice/,
    ],
    [
      'an unknown key in a view',
      file([{ ...good, script: '<script>' }]),
      /views\[0\]: Unrecognized key: "script"/,
    ],
    ['a negative savedAt', file([{ ...good, savedAt: -1 }]), /views\[0\]\.savedAt: Too small/],
  ])('refuses %s, naming what is wrong', (_name, text, message) => {
    const r = parseSavedViewsFile(text, COLUMNS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('refuses a file over the size limit before parsing it', () => {
    const r = parseSavedViewsFile(' '.repeat(FILE_MAX_BYTES + 1), COLUMNS);
    expect(r).toEqual({ ok: false, error: 'The file is 1.0 MB; a saved-views file is at most 1.0 MB.' });
  });

  it('lists at most ten problems', () => {
    const views = Array.from({ length: 12 }, (_, i) => ({ ...good, name: `v${i}`, search: 'Foo=1' }));
    const r = parseSavedViewsFile(file(views), COLUMNS);
    expect(r.ok ? '' : r.error).toMatch(/views\[9\].*; …$/);
    expect(r.ok ? '' : r.error).not.toContain('views[10]');
  });

  it('broken storage reads as no views', () => {
    expect(readStoredViews(null, COLUMNS)).toEqual([]);
    expect(readStoredViews('{', COLUMNS)).toEqual([]);
    expect(readStoredViews('null', COLUMNS)).toEqual([]);
    expect(readStoredViews(savedViewsFileText([good]), COLUMNS)).toEqual([good]);
  });

  it('storage is read view by view: a broken view or a dropped column does not lose the others', () => {
    const stored = file([
      { ...good, name: 'a', columns: { Scope: true, Gone: false } },
      { ...good, name: 'b', density: 'huge' },
      { ...good, name: 'c', search: 'Gone=1&TaskStatus=90' },
    ]);
    expect(readStoredViews(stored, COLUMNS)).toEqual([
      { ...good, name: 'a', columns: { Scope: true } },
      { ...good, name: 'c', search: 'Gone=1&TaskStatus=90' },
    ]);
    expect(viewOf({ ...good, search: 'Gone=1&TaskStatus=90' }).filters).toEqual({ TaskStatus: ['90'] });
  });
});

describe('saved views operations', () => {
  const a = { ...good, name: 'a' };
  const b = { ...good, name: 'b', density: 'comfortable' as const };

  it('upsert adds or replaces by name', () => {
    expect(upsertView([a], b)).toEqual([a, b]);
    expect(upsertView([a, b], { ...a, search: 'TaskStatus=91' })).toEqual([
      { ...a, search: 'TaskStatus=91' },
      b,
    ]);
  });

  it('rename refuses an empty or taken name', () => {
    expect(renameView([a, b], 'a', 'c')).toEqual({ ok: true, value: [{ ...a, name: 'c' }, b] });
    expect(renameView([a, b], 'a', ' ')).toEqual({ ok: false, error: 'A view needs a name.' });
    expect(renameView([a, b], 'a', 'b')).toEqual({ ok: false, error: 'A view named "b" already exists.' });
    expect(renameView([a, b], 'a', 'a')).toEqual({ ok: true, value: [a, b] });
  });

  it('delete and merge', () => {
    expect(deleteView([a, b], 'a')).toEqual([b]);
    expect(
      mergeViews(
        [a, b],
        [
          { ...b, search: '' },
          { ...a, name: 'c' },
        ],
      ),
    ).toEqual([a, { ...b, search: '' }, { ...a, name: 'c' }]);
  });
});
