/**
 * What a multi-select filter shows for several chosen values (multi-select-props.tsx): a
 * status group's name when the statuses are exactly that group, otherwise how many, in
 * English and in Chinese (the console's terms), instead of antd's bare "+ 3 …".
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMessages, setLocale } from '../../../lib/i18n';
import { messagesZh } from '../../../lib/messages-zh';
import type { FilterParamName } from '../../../shared/catalogue';
import { filterMessagesZh } from '../filter-messages-zh';
import { groupOfCodes } from '../model/status-counts';
import { chosenSummary, multiSelectProps } from './multi-select-props';

beforeAll(() => {
  addMessages('zh-CN', messagesZh);
  addMessages('zh-CN', filterMessagesZh);
});
afterEach(() => setLocale('en'));

describe('groupOfCodes', () => {
  it.each([
    [['90', '91', '92'], 'failed'],
    [['92', '90', '91'], 'failed'],
    [['11', '21', '22'], 'inProgress'],
    [['20', '23', '24'], 'done'],
    [['90', '91'], undefined],
    [['90', '91', '92', '11'], undefined],
    [['90', '90', '91', '92'], 'failed'],
    [[], undefined],
  ] as const)('%j → %s', (codes, group) => {
    expect(groupOfCodes(codes)).toBe(group);
  });
});

describe('chosenSummary', () => {
  it.each<[FilterParamName, string[], string, string]>([
    ['TaskStatus', ['90', '91', '92'], 'Failed (all)', '全部失败'],
    ['TaskStatus', ['11', '21', '22'], 'In progress (all)', '全部进行中'],
    ['TaskStatus', ['20', '24', '23'], 'Done (all)', '全部已完成'],
    ['TaskStatus', ['90', '21'], '2 statuses', '2 个状态'],
    ['TaskStatus', ['90', '91', '92', '11'], '4 statuses', '4 个状态'],
    ['YunCode', ['WAF', 'CFW'], '2 products', '2 个云产品'],
    ['Source', ['system', 'custom', 'custom_alert'], '3 sources', '3 个触发来源'],
    ['EntityType', ['ip', 'file'], '2 values', '已选 2 项'],
  ])('%s %j: "%s", "%s"', (param, chosen, en, zh) => {
    expect(chosenSummary(param, chosen)).toBe(en);
    setLocale('zh-CN');
    expect(chosenSummary(param, chosen)).toBe(zh);
  });
});

describe('multiSelectProps', () => {
  it.each([
    [[], 'responsive'],
    [['90'], 'responsive'],
    [['90', '91'], 0],
  ] as const)('%j chosen: maxTagCount %s', (chosen, maxTagCount) => {
    const props = multiSelectProps('TaskStatus', chosen);
    expect(props.maxTagCount).toBe(maxTagCount);
    expect(props).toMatchObject({ mode: 'multiple', allowClear: true, placeholder: 'Any' });
  });
});
