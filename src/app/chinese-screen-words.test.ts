/**
 * The seams a review of the Chinese screen found, each as cases in both languages: lists
 * joined in the locale's way (、 in Chinese), one term per action (a block is lifted: 解封,
 * Unblocked; a quarantine: 解除隔离, Restored, Alibaba's English for 92; never 释放 or "Released"), the drawer's
 * count as one sentence, and the entity counts in the analyst's words (the API operation
 * only in a tooltip).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportMessagesZh } from '../features/export/messages-zh';
import { habitsMessagesZh } from '../features/process-tasks/habits-messages-zh';
import { exportMessagesEn, tx } from '../features/export/i18n';
import { filterMessagesEn } from '../features/process-tasks/filter-i18n';
import { habitsMessagesEn } from '../features/process-tasks/habits-i18n';
import { blockSentence } from '../features/process-tasks/components/block-text';
import { documentTitle } from '../features/process-tasks/hooks/use-document-title';
import { blockState, type BlockFields } from '../features/process-tasks/model/block-state';
import { activeFilters } from '../features/process-tasks/model/filter-summary';
import { removeTimeLabel } from '../features/process-tasks/model/labels';
import { DEFAULT_VIEW } from '../features/process-tasks/model/task-view';
import { taskNote } from '../features/process-tasks/model/ticket-note';
import { setLocale, t, tCount } from '../lib/i18n';
import { messagesEn } from '../lib/messages-en';
import { messagesZh } from '../lib/messages-zh';
import { loadLocale } from './locale-setting';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const AT = NOW - HOUR;

beforeAll(async () => {
  await loadLocale('zh-CN');
});
afterEach(() => setLocale('en'));

describe('lists of labels in the UI locale', () => {
  it.each([
    ['en', 'Failed (90), Unblock failed (91)'],
    ['zh-CN', '失败（90）、解封失败（91）'],
  ])('the status chip in %s: %s', (locale, text) => {
    setLocale(locale);
    const chip = activeFilters({ TaskStatus: ['90', '91'] }).find((f) => f.id === 'TaskStatus');
    expect(chip?.value).toBe(text);
  });

  it.each([
    ['en', 'Status: Failed (90), Entity: 1.2.3.4 · Response tasks'],
    ['zh-CN', '状态：失败（90）、实体：1.2.3.4'],
  ])('the tab title in %s', (locale, start) => {
    setLocale(locale);
    const title = documentTitle(
      { ...DEFAULT_VIEW, filters: { TaskStatus: ['90'], EntityName: '1.2.3.4' } },
      undefined,
    );
    expect(title.startsWith(start)).toBe(true);
    if (locale === 'zh-CN') expect(title).not.toMatch(/, /);
  });
});

describe('one term per action: block (封禁/解封) and quarantine (隔离/解除隔离)', () => {
  const task = (over: Partial<BlockFields>): BlockFields => ({
    ProcessTime: AT - HOUR,
    InputParams: JSON.stringify({ blockDuration: 1800 }),
    ...over,
  });
  // [case, task, English, Chinese]
  const cases: [string, BlockFields, string, string][] = [
    ['IP unblocked', task({ TaskStatus: 23, EntityType: 'ip', RemoveTime: AT }), 'Unblocked at', '解封'],
    [
      'file restored',
      task({ TaskStatus: 23, EntityType: 'file', RemoveTime: AT }),
      'Restored from quarantine at',
      '解除隔离',
    ],
    [
      'process restored',
      task({ TaskStatus: 22, EntityType: 'process', RemoveTime: AT }),
      'Restored from quarantine at',
      '解除隔离',
    ],
    [
      'IP unblock failed',
      task({ TaskStatus: 91, EntityType: 'ip', GmtModifiedMillis: AT }),
      'Unblock attempt',
      '解封失败',
    ],
    [
      'file restore failed',
      task({ TaskStatus: 92, EntityType: 'file', GmtModifiedMillis: AT }),
      'Restore attempt',
      '解除隔离失败',
    ],
    ['IP block end passed', task({ TaskStatus: 21, EntityType: 'ip' }), 'Block end', '封禁结束时间'],
    [
      'file quarantine end passed',
      task({ TaskStatus: 22, EntityType: 'file' }),
      'Quarantine end',
      '隔离结束时间',
    ],
    [
      'IP lifted, time unknown',
      task({ TaskStatus: 23, EntityType: 'ip' }),
      'Unblocked at: unknown',
      '解封时间：未知',
    ],
    [
      'file lifted, time unknown',
      task({ TaskStatus: 23, EntityType: 'file' }),
      'Restored from quarantine at: unknown',
      '解除隔离时间：未知',
    ],
  ];
  it.each(cases)('%s', (_, fields, en, zh) => {
    const state = blockState(fields, NOW)!;
    setLocale('en');
    const english = blockSentence(state, 'UTC');
    expect(english.startsWith(en)).toBe(true);
    setLocale('zh-CN');
    const chinese = blockSentence(state, 'UTC');
    expect(chinese).toContain(zh);
    expect(chinese).not.toContain('释放');
    const quarantine = fields.EntityType !== 'ip';
    // A block's sentence never speaks of a quarantine, and a quarantine's never of a block;
    // the English says quarantine (Alibaba's word), never isolate.
    expect(english).not.toMatch(quarantine ? /\b(un)?block/i : /quarantin|restor/i);
    if (quarantine) expect(english).toMatch(/quarantin/i);
    expect(english).not.toMatch(/isolat/i);
    expect(chinese).not.toMatch(quarantine ? /封禁|解封/ : /隔离/);
  });

  it.each([
    [{ TaskStatus: 23, EntityType: 'ip' }, 'Unblocked', '解封时间'],
    [{ TaskStatus: 23, EntityType: 'file' }, 'Restored', '解除隔离时间'],
    [{ TaskStatus: 23, EntityType: 'process' }, 'Restored', '解除隔离时间'],
    [{ TaskStatus: 92 }, 'Restored', '解除隔离时间'],
    [{ TaskStatus: 91 }, 'Unblocked', '解封时间'],
    [{ TaskStatus: 23 }, 'Unblocked / restored', '解封/解除隔离时间'],
  ] as const)('RemoveTime of %j is labelled %s / %s', (fields, en, zh) => {
    setLocale('en');
    expect(removeTimeLabel(fields)).toBe(en);
    setLocale('zh-CN');
    expect(removeTimeLabel(fields)).toBe(zh);
  });

  it.each([
    ['ip', '解封时间：'],
    ['file', '解除隔离时间：'],
  ])('the ticket note of a %s task names its RemoveTime by the action', (entityType, line) => {
    setLocale('zh-CN');
    const { text } = taskNote(
      { TaskId: 't-1', TaskStatus: 23, EntityType: entityType, EntityName: 'x', RemoveTime: AT },
      'http://127.0.0.1/t-1',
      'UTC',
    );
    expect(text.split('\n').some((l) => l.startsWith(line))).toBe(true);
    expect(text).not.toMatch(/: /);
  });

  it('no Chinese string says 释放 for lifting a quarantine; columns that mix both name both', () => {
    for (const [key, text] of Object.entries({ ...messagesZh, ...exportMessagesZh, ...habitsMessagesZh }))
      expect(String(text), key).not.toContain('释放');
    setLocale('zh-CN');
    expect(t('field.RemoveTime')).toBe('解封/解除隔离时间');
    expect(t('field.ProcessRemoveRange')).toBe('解封/解除隔离时间');
    expect(tx('export.done.unblockedWindow', { start: 'a', end: 'b' })).toBe('解封/解除隔离时间：a – b');
    setLocale('en');
    expect(t('field.RemoveTime')).toBe('Unblocked / restored');
    expect(tx('export.done.unblockedWindow', { start: 'a', end: 'b' })).toBe('Unblocked / restored: a – b');
    // The duration of either: both words, as the Chinese 封禁/隔离时长.
    expect(t('column.TimeBlocked')).toBe('Time blocked / quarantined');
    for (const [key, text] of Object.entries(messagesEn))
      if (key.endsWith('.quarantine'))
        expect(String(text), key).not.toMatch(/Released|Release attempt|Block end/);
  });
});

describe('Alibaba’s English for statuses 21, 22 and 92 (DescribeProcessTasks en-US metadata, TaskStatus)', () => {
  // "being blocked", "being quarantined", "restoring quarantined files failed": a block and a
  // quarantine in force (they last by design), and a failed restore; Chinese 封禁中, 隔离中, 解除隔离失败.
  it.each([
    [21, 'Blocked', '封禁中'],
    [22, 'Quarantined', '隔离中'],
    [92, 'Restore failed', '解除隔离失败'],
  ])('status %d reads %s / %s', (code, en, zh) => {
    setLocale('en');
    expect(t(`status.${code}` as 'status.21')).toBe(en);
    setLocale('zh-CN');
    expect(t(`status.${code}` as 'status.21')).toBe(zh);
  });

  it('no English string says isolate: files are quarantined and restored', () => {
    const english = { ...messagesEn, ...exportMessagesEn, ...habitsMessagesEn, ...filterMessagesEn };
    for (const [key, text] of Object.entries(english)) expect(String(text), key).not.toMatch(/isolat/i);
  });
});

describe('the drawer and the entity pivot in the analyst’s words', () => {
  it.each([
    ['en', '41 other tasks; the newest 20 are listed'],
    ['zh-CN', '另有 41 个任务，列出最新的 20 个'],
  ])('other tasks and how many are listed: one sentence in %s', (locale, text) => {
    setLocale(locale);
    expect(tCount('triage.othersCountFirst', 41, { shown: 20 })).toBe(text);
  });

  it.each([
    ['en', 'This entity has 7 response tasks in all', 'Entity UUID u-1: 7 response tasks in all'],
    ['zh-CN', '该实体共有 7 个处置任务', '实体UUID u-1：共 7 个处置任务'],
  ])('the entity counts in %s say what they count, not the operation', (locale, drawer, pivot) => {
    setLocale(locale);
    expect(tCount('triage.entityUuidCount', 7)).toContain(drawer);
    expect(tCount('pivot.uuidCount', 7, { uuid: 'u-1' })).toBe(pivot);
    for (const text of [tCount('triage.entityUuidCount', 7), tCount('pivot.uuidCount', 7, { uuid: 'u-1' })])
      expect(text).not.toContain('DescribeProcessTaskCount');
    // The operation stays available to the curious, in the tooltip.
    expect(t('pivot.uuidCountSource')).toContain('DescribeProcessTaskCount');
  });
});
