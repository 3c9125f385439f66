import { describe, expect, it } from 'vitest';
import { asPage } from './process-tasks-page';

describe('asPage', () => {
  it.each([
    [{ ProcessTasks: [{ TaskId: 'a' }], Page: { TotalCount: 1 } }, true],
    [{ RequestId: 'r', ProcessTasks: [], Page: { TotalCount: 0, PageNumber: 9 } }, true],
    [{ ProcessTasks: [{ TaskId: 'a' }] }, false],
    [{ ProcessTasks: 'x', Page: { TotalCount: 1 } }, false],
    [{ ProcessTasks: [null], Page: { TotalCount: 1 } }, false],
    [{ ProcessTasks: [[1]], Page: { TotalCount: 1 } }, false],
    [{ ProcessTasks: [], Page: { TotalCount: -1 } }, false],
    [{ ProcessTasks: [], Page: { TotalCount: '5' } }, false],
    [null, false],
    ['text', false],
  ])('%j → valid %s', (body, ok) => {
    expect(asPage(body) !== undefined).toBe(ok);
  });
});
