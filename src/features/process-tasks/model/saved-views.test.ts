import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMessages, setLocale } from '../../../lib/i18n';
import { messagesZh } from '../../../lib/messages-zh';
import { habitsMessagesEn } from '../habits-i18n';
import { habitsMessagesZh } from '../habits-messages-zh';
import {
  FILE_MAX_BYTES,
  captureView,
  deleteView,
  filterProblemText,
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

beforeAll(() => {
  addMessages('zh-CN', messagesZh);
  addMessages('zh-CN', habitsMessagesZh);
});
afterEach(() => setLocale('en'));

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

  // [case, file text, English problem (the first), Chinese problem (the first)]
  const SHAPE_RIGHT_VIEWS_WRONG = [
    'an unknown column',
    'an unknown parameter',
    'an unknown status',
    'a malformed time',
    'a duplicate name',
  ];
  const G = '(Failed WAF, last 24 h)';
  const GZ = '（Failed WAF, last 24 h）';
  it.each([
    ['an array', '[]', 'The file: a list where an object is expected', '文件：应为对象，实际为列表'],
    [
      'another format',
      file([], { format: 'grafana-dashboard' }),
      'The file’s “format”: must be "rtc-saved-views"',
      '文件的“format”：应为 "rtc-saved-views"',
    ],
    [
      'a newer version',
      file([], { version: 2 }),
      'The file’s “version”: must be 1',
      '文件的“version”：应为 1',
    ],
    [
      'no views',
      JSON.stringify({ format: 'rtc-saved-views', version: 1 }),
      'The file’s “views”: is missing (a list expected)',
      '文件的“views”：缺失（应为列表）',
    ],
    [
      'an unknown top-level key',
      file([], { extra: 1 }),
      'The file: unknown key “extra”',
      '文件：有未知的键 “extra”',
    ],
    [
      'a name that is not a string',
      file([{ ...good, name: 5 }]),
      'View 1 (no name), name: a number where text is expected',
      '第 1 个视图（无名称）的名称：应为文本，实际为数字',
    ],
    [
      'an empty name',
      file([{ ...good, name: '   ' }]),
      'View 1 (no name), name: is empty',
      '第 1 个视图（无名称）的名称：为空',
    ],
    [
      'a long name',
      file([good, { ...good, name: 'x'.repeat(81) }]),
      `View 2 (${'x'.repeat(81)}), name: is longer than 80 characters`,
      `第 2 个视图（${'x'.repeat(81)}）的名称：超过 80 个字符`,
    ],
    [
      'a bad density',
      file([{ ...good, density: 'tiny' }]),
      `View 1 ${G}, row density: must be "compact" or "comfortable"`,
      `第 1 个视图${GZ}的行密度：应为 "compact"或"comfortable"`,
    ],
    [
      'columns not booleans',
      file([{ ...good, columns: { Scope: 'yes' } }]),
      `View 1 ${G}, columns “Scope”: text where true or false is expected`,
      `第 1 个视图${GZ}的列“Scope”：应为布尔值（true 或 false），实际为文本`,
    ],
    [
      'an unknown column',
      file([{ ...good, columns: { Bogus: true } }]),
      `View 1 ${G}, columns: unknown column "Bogus"`,
      `第 1 个视图${GZ}的列：未知的列“Bogus”`,
    ],
    [
      'an unknown parameter',
      file([good, { ...good, name: 'b', search: 'Foo=1' }]),
      'View 2 (b), filters and sort: Foo is not a parameter of the task list',
      '第 2 个视图（b）的筛选和排序：Foo 不是任务列表支持的参数',
    ],
    [
      'an unknown status',
      file([{ ...good, search: 'TaskStatus=abc' }]),
      `View 1 ${G}, filters and sort: Status (TaskStatus): the value “abc” is not a known value`,
      `第 1 个视图${GZ}的筛选和排序：状态（TaskStatus）：值“abc”不是已知取值`,
    ],
    [
      'a malformed time',
      file([{ ...good, search: 'ProcessActionStart=yesterday' }]),
      `View 1 ${G}, filters and sort: Processed from (ProcessActionStart): the value “yesterday” is malformed`,
      `第 1 个视图${GZ}的筛选和排序：处置时间起（ProcessActionStart）：值“yesterday”格式错误`,
    ],
    [
      'a duplicate name',
      file([good, good]),
      `View 2 ${G}, name: the name "Failed WAF, last 24 h" appears twice`,
      `第 2 个视图${GZ}的名称：名称“Failed WAF, last 24 h”出现了两次`,
    ],
    [
      'an unknown key in a view',
      file([{ ...good, script: '<script>' }]),
      `View 1 ${G}: unknown key “script”`,
      `第 1 个视图${GZ}：有未知的键 “script”`,
    ],
    [
      'a negative savedAt',
      file([{ ...good, savedAt: -1 }]),
      `View 1 ${G}, time saved: must be at least 0`,
      `第 1 个视图${GZ}的保存时间：不能小于 0`,
    ],
  ])('refuses %s, naming the view, the field and what is wrong, in both languages', (name, text, en, zh) => {
    // A file of the right shape whose views are wrong is refused as such; a wrong shape is
    // not a file as this console writes it.
    const inViews = SHAPE_RIGHT_VIEWS_WRONG.includes(name);
    setLocale('en');
    const r = parseSavedViewsFile(text, COLUMNS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(
      inViews
        ? /^The file was refused: its views have \d+ problems?\.$/
        : /^The file is not a saved-views file as this console writes it: \d+ problems?\.$/,
    );
    expect(r.problems[0]!.startsWith(en), r.problems[0]).toBe(true);
    expect(r.problems[0]).not.toMatch(/ignored/i);
    setLocale('zh-CN');
    const z = parseSavedViewsFile(text, COLUMNS);
    if (z.ok) throw new Error('accepted in Chinese');
    expect(z.error).toMatch(
      inViews
        ? /^该文件被拒绝导入：其中的视图共有 \d+ 处问题。$/
        : /^该文件不是本控制台导出的视图文件：共 \d+ 处问题。$/,
    );
    expect(z.problems[0]).not.toContain('忽略');
    expect(z.problems[0]!.startsWith(zh), z.problems[0]).toBe(true);
    // No English left on the Chinese screen but the file's own keys, values and names.
    const words = z.problems[0]!.replace(
      /"[^"]*"|“[^”]*”|（[^）]*）|\b(true|false|TaskStatus|ProcessActionStart|Foo)\b/g,
      '',
    );
    expect(words, z.problems[0]).not.toMatch(/[A-Za-z]{3,}/);
  });

  // Each thing a link notice reports, as a reason to refuse a view: the parameter by its
  // label and API name, what is wrong, never "ignored" (the file is refused as a whole).
  it.each([
    ['Foo=1', 'Foo is not a parameter of the task list', 'Foo 不是任务列表支持的参数'],
    [
      'TaskStatus=90,abc',
      'Status (TaskStatus): the value “abc” is not a known value',
      '状态（TaskStatus）：值“abc”不是已知取值',
    ],
    [
      'ProcessActionStart=yesterday',
      'Processed from (ProcessActionStart): the value “yesterday” is malformed',
      '处置时间起（ProcessActionStart）：值“yesterday”格式错误',
    ],
    [
      'PageSize=20&PageSize=50',
      'Page size (PageSize) is given more than once (again as “50”)',
      '每页条数（PageSize）出现多次（多余的值为“50”）',
    ],
    [
      'ProcessActionStart=now-1h&ProcessActionEnd=now-2h',
      'Processed from (ProcessActionStart): the range now-1h > now-2h starts after it ends',
      '处置时间起（ProcessActionStart）：范围 now-1h > now-2h 的开始晚于结束',
    ],
    [
      'EntityName=%201.2.3.4',
      'Entity (EntityName): the value “ 1.2.3.4” has spaces around it',
      '实体（EntityName）：值“ 1.2.3.4”前后有空格',
    ],
    [
      'EntityName=%20%20',
      'Entity (EntityName): the value holds only spaces',
      '实体（EntityName）：值只有空格',
    ],
  ])('a view whose filters read %j refuses the file, saying why', (search, en, zh) => {
    const text = file([good, { ...good, name: 'P1', search }]);
    setLocale('en');
    expect(parseSavedViewsFile(text, COLUMNS)).toEqual({
      ok: false,
      error: 'The file was refused: its views have 1 problem.',
      problems: [`View 2 (P1), filters and sort: ${en}`],
    });
    setLocale('zh-CN');
    expect(parseSavedViewsFile(text, COLUMNS)).toEqual({
      ok: false,
      error: '该文件被拒绝导入：其中的视图共有 1 处问题。',
      problems: [`第 2 个视图（P1）的筛选和排序：${zh}`],
    });
  });

  it('every link notice has refusal words in both languages, none saying ignored', () => {
    const notice = { param: 'PageNumber', value: '9', reason: 'pastLastPage' } as const;
    setLocale('en');
    expect(filterProblemText(notice)).toBe('Page (PageNumber): 9 is past the end of the list');
    setLocale('zh-CN');
    expect(filterProblemText(notice)).toBe('页码（PageNumber）：9 超出列表末尾');
    for (const [key, text] of Object.entries({ ...habitsMessagesEn, ...habitsMessagesZh }))
      if (key.startsWith('savedViews.filter.')) expect(text, key).not.toMatch(/ignored|忽略/i);
  });

  it.each([
    [
      '{"format": "rtc-saved-views",',
      'The file is not JSON: it breaks at line 1, column 30.',
      '该文件不是 JSON：第 1 行第 30 列出错。',
    ],
    [
      '{\n  "format": "rtc-saved-views",\n  "views": []\n  "x": 1\n}',
      'The file is not JSON: it breaks at line 4, column 3.',
      '该文件不是 JSON：第 4 行第 3 列出错。',
    ],
    // Where the engine does not say where (V8 for an unexpected token, an empty text).
    ['{"views": [x]}', 'The file is not JSON.', '该文件不是 JSON。'],
    ['', 'The file is not JSON.', '该文件不是 JSON。'],
  ])('refuses text that is not JSON, saying where it breaks: %j', (text, en, zh) => {
    setLocale('en');
    expect(parseSavedViewsFile(text, COLUMNS)).toEqual({ ok: false, error: en, problems: [] });
    setLocale('zh-CN');
    expect(parseSavedViewsFile(text, COLUMNS)).toEqual({ ok: false, error: zh, problems: [] });
  });

  it('refuses a file over the size limit before parsing it', () => {
    const r = parseSavedViewsFile(' '.repeat(FILE_MAX_BYTES + 1), COLUMNS);
    expect(r).toEqual({
      ok: false,
      error: 'The file is 1.0 MB; a saved-views file is at most 1.0 MB.',
      problems: [],
    });
  });

  it('lists at most ten problems, then how many more', () => {
    const views = Array.from({ length: 12 }, (_, i) => ({ ...good, name: `v${i}`, search: 'Foo=1' }));
    const r = parseSavedViewsFile(file(views), COLUMNS);
    if (r.ok) throw new Error('accepted');
    expect(r.error).toContain('12 problems');
    expect(r.problems).toHaveLength(11);
    expect(r.problems[9]).toMatch(/^View 10 \(v9\)/);
    expect(r.problems[10]).toBe('… and 2 more problems');
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
