import { describe, expect, it } from 'vitest';
import { findConflicts, type ConflictFields } from './conflicts';

let n = 0;
const task = (
  TaskStatus: number,
  YunCode: string,
  EntityName = '198.51.100.23',
  EntityType = 'ip',
): ConflictFields => ({
  TaskId: `t${++n}`,
  TaskStatus,
  YunCode,
  EntityName,
  EntityType,
});

const kinds = (tasks: ConflictFields[]) =>
  findConflicts(tasks).map((c) => [c.kind, c.blocking.TaskId, c.other.TaskId]);

describe('findConflicts', () => {
  it('blocked by one product while another product’s unblock failed', () => {
    const cfw = task(21, 'CFW');
    const waf = task(91, 'WAF');
    expect(kinds([cfw, waf])).toEqual([['unblockFailedElsewhere', cfw.TaskId, waf.TaskId]]);
  });
  it('a failed unblock by the same product is not a conflict (the block simply stays)', () => {
    expect(kinds([task(21, 'WAF'), task(91, 'WAF')])).toEqual([]);
  });
  it('blocked and whitelisted at once, whatever the products', () => {
    const block = task(22, 'Aegis', '/tmp/x', 'file');
    const white = task(24, 'Aegis', '/tmp/x', 'file');
    expect(kinds([white, block])).toEqual([['blockedAndWhitelisted', block.TaskId, white.TaskId]]);
  });
  it('needs the same entity (type and name)', () => {
    expect(kinds([task(21, 'CFW', '1.2.3.4'), task(91, 'WAF', '1.2.3.5')])).toEqual([]);
    expect(kinds([task(21, 'CFW', 'x', 'file'), task(24, 'WAF', 'x', 'process')])).toEqual([]);
  });
  it('ended, failed or in-progress blocks are not in force', () => {
    expect(
      kinds([task(23, 'CFW'), task(90, 'CFW'), task(11, 'CFW'), task(91, 'WAF'), task(24, 'WAF')]),
    ).toEqual([]);
  });
  it('the triage case: one block, a failed unblock elsewhere and a whitelisting give two conflicts', () => {
    const cfw = task(21, 'CFW');
    const waf91 = task(91, 'WAF');
    const waf24 = task(24, 'WAF');
    expect(kinds([cfw, waf91, waf24, task(23, 'CFW')])).toEqual([
      ['unblockFailedElsewhere', cfw.TaskId, waf91.TaskId],
      ['blockedAndWhitelisted', cfw.TaskId, waf24.TaskId],
    ]);
  });
});
