import { describe, expect, it } from 'vitest';
import { exportFileNames, filterSummary, slug } from './file-name';

const AT = Date.UTC(2026, 10, 27, 9, 12, 30); // 2026-11-27T09:12:30Z

describe('exportFileNames', () => {
  it.each([
    [{ TaskStatus: '["90","91"]' }, 'Asia/Shanghai', 'process-tasks_status-90-91_2026-11-27T1712+0800'],
    [{}, 'UTC', 'process-tasks_all_2026-11-27T0912+0000'],
    [
      { YunCode: '["WAF","CFW"]', Source: 'system,custom' },
      'America/New_York',
      'process-tasks_product-WAF-CFW_source-system-custom_2026-11-27T0412-0500',
    ],
    [
      { EntityName: '../../etc/passwd <x>', ParamContent: 'a b|c' },
      'UTC',
      'process-tasks_entity-etc-passwd-x_keyword-a-b-c_2026-11-27T0912+0000',
    ],
    [
      { ProcessActionStart: String(AT - 86_400_000), ProcessActionEnd: String(AT) },
      'UTC',
      'process-tasks_processed-2026-11-26T0912+0000--2026-11-27T0912+0000_2026-11-27T0912+0000',
    ],
    [
      { ProcessRemoveStart: String(AT) },
      'UTC',
      'process-tasks_unblocked-2026-11-27T0912+0000--open_2026-11-27T0912+0000',
    ],
    [{ EntityName: '中文名' }, 'UTC', 'process-tasks_entity_2026-11-27T0912+0000'],
    [
      { OrderField: 'gmtCreate', Direction: 'asc', PageNumber: '3' },
      'UTC',
      'process-tasks_all_2026-11-27T0912+0000',
    ],
  ])('%j in %s', (query, zone, base) => {
    expect(exportFileNames(query, AT, zone)).toEqual({
      csv: `${base}.csv`,
      manifest: `${base}.manifest.json`,
    });
  });

  it('uses safe characters only and stays bounded with many long filters', () => {
    const long = 'x'.repeat(300) + '"*:?\\/\u0000';
    const names = exportFileNames(
      {
        TaskStatus: JSON.stringify(['11', '21', '22', '23', '24', '20', '90', '91', '92']),
        EntityName: long,
        EventUuid: long,
        EntityUuid: long,
        ReqUuid: long,
        ParamContent: long,
        Scope: long,
      },
      AT,
      'UTC',
    );
    expect(names.csv).toMatch(/^[A-Za-z0-9._+-]+$/);
    expect(names.csv.length).toBeLessThanOrEqual(180);
    expect(names.csv).toMatch(/_more_2026-11-27T0912\+0000\.csv$/);
  });
});

describe('slug / filterSummary', () => {
  it.each([
    ['a b', 'a-b'],
    ['--a--b--', 'a-b'],
    ['..hidden', 'hidden'],
    ['a.b+c', 'a.b+c'],
    ['x'.repeat(40), 'x'.repeat(24)],
  ])('slug(%j) = %j', (s, out) => {
    expect(slug(s)).toBe(out);
  });

  it('tolerates a malformed list value', () => {
    expect(filterSummary({ TaskStatus: '[90' }, 'UTC')).toBe('status-90');
  });
});
