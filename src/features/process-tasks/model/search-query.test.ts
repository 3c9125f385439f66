import { describe, expect, it } from 'vitest';
import { classifySearch, currentSearch, idSearchPatch, searchPatch, type SearchKind } from './search-query';

describe('classifySearch', () => {
  it.each<[string, SearchKind, string]>([
    ['203.0.113.10', 'ip', '203.0.113.10'],
    ['  47.170.64.169 ', 'ip', '47.170.64.169'],
    ['2001:db8::1', 'ip', '2001:db8::1'],
    ['10.1.0.0/16', 'cidr', '10.1.'],
    ['10.1.2.0/24', 'cidr', '10.1.2.'],
    ['10.1.2.0/23', 'cidr', '10.1.'],
    ['10.0.0.0/4', 'cidr', '10.'],
    ['10.1.2.3/32', 'ip', '10.1.2.3'],
    ['47.170.', 'ipPrefix', '47.170.'],
    ['47.170.64', 'ipPrefix', '47.170.64'],
    ['47.', 'ipPrefix', '47.'],
    ['56183f97-1f99-4fb3-9a2c-0e2d8f1c0a11', 'id', '56183f97-1f99-4fb3-9a2c-0e2d8f1c0a11'],
    ['EDGE0000-0000-4000-8000-000000000001', 'id', 'EDGE0000-0000-4000-8000-000000000001'],
    ['1234567890', 'id', '1234567890'],
    ['/etc/cron.hourly/.update', 'path', '/etc/cron.hourly/.update'],
    ['C:\\Users\\Public\\svchost.exe', 'path', 'C:\\Users\\Public\\svchost.exe'],
    ['xmrig', 'process', 'xmrig'],
    ['powershell.exe', 'process', 'powershell.exe'],
    ['kdevtmpfsi', 'process', 'kdevtmpfsi'],
    ['block attacking IP', 'keyword', 'block attacking IP'],
    ['999.1.1.1', 'keyword', '999.1.1.1'],
    ['12345', 'keyword', '12345'],
    ['<script>', 'keyword', '<script>'],
  ])('%s is %s (keyword %s)', (raw, kind, keyword) => {
    const s = classifySearch(raw)!;
    expect(s.kind).toBe(kind);
    expect(s.keyword).toBe(keyword);
  });

  it('empty or blank text is no search', () => {
    expect(classifySearch('')).toBeUndefined();
    expect(classifySearch(' \u3000\t')).toBeUndefined();
  });
});

describe('searchPatch', () => {
  const all = {
    EntityName: undefined,
    ParamContent: undefined,
    TaskId: undefined,
    EventUuid: undefined,
    EntityUuid: undefined,
    ReqUuid: undefined,
    AlertId: undefined,
  };
  it.each([
    ['203.0.113.10', 'exact', { EntityName: '203.0.113.10' }],
    ['203.0.113.10', 'contains', { ParamContent: '203.0.113.10' }],
    ['47.170.', 'exact', { ParamContent: '47.170.' }],
    ['10.1.2.0/24', 'exact', { ParamContent: '10.1.2.' }],
    ['/tmp/x', 'exact', { EntityName: '/tmp/x' }],
    ['xmrig', 'exact', { EntityName: 'xmrig' }],
    ['xmrig', 'contains', { ParamContent: 'xmrig' }],
    ['two words', 'exact', { ParamContent: 'two words' }],
  ] as const)('%s (%s) → %j, every other search filter cleared', (raw, mode, set) => {
    expect(searchPatch(classifySearch(raw)!, mode)).toEqual({ ...all, ...set });
  });

  it('an ID that matched sets that field alone', () => {
    expect(idSearchPatch('EventUuid', 'e-1')).toEqual({ ...all, EventUuid: 'e-1' });
  });

  it('the box shows the first search filter that is set', () => {
    expect(currentSearch({ TaskStatus: ['90'] })).toBeUndefined();
    expect(currentSearch({ ReqUuid: 'r' })).toEqual({ param: 'ReqUuid', value: 'r' });
    expect(currentSearch({ ParamContent: 'k', EntityName: 'e' })).toEqual({
      param: 'EntityName',
      value: 'e',
    });
  });
});
