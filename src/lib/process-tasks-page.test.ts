import { describe, expect, it } from 'vitest';
import { asPage } from './process-tasks-page';

describe('asPage', () => {
  it.each([
    [{ ProcessTasks: [{ TaskId: 'a' }], Page: { TotalCount: 1 } }, true],
    [{ RequestId: 'r', ProcessTasks: [], Page: { TotalCount: 0, PageNumber: 9 } }, true],
    // Read as leniently as the SDK models: Page optional, ProcessTasks missing or null is [].
    [{ ProcessTasks: [{ TaskId: 'a' }] }, true],
    [{ ProcessTasks: null, Page: null }, true],
    [{ Page: { TotalCount: 0 } }, true],
    [{ ProcessTasks: [], Page: { TotalCount: null } }, true],
    [{ ProcessTasks: 'x', Page: { TotalCount: 1 } }, false],
    [{ ProcessTasks: [null], Page: { TotalCount: 1 } }, false],
    [{ ProcessTasks: [[1]], Page: { TotalCount: 1 } }, false],
    [{ ProcessTasks: [], Page: { TotalCount: -1 } }, false],
    [{ ProcessTasks: [], Page: { TotalCount: '5' } }, false],
    [{ ProcessTasks: [], Page: 'x' }, false],
    [null, false],
    ['text', false],
    [[], false],
  ])('%j → valid %s', (body, ok) => {
    expect('problem' in asPage(body)).toBe(!ok);
  });

  it.each([
    [{ ProcessTasks: 'x' }, 'ProcessTasks'],
    [{ ProcessTasks: [{}, 7] }, 'ProcessTasks[1]'],
    [{ ProcessTasks: [], Page: { TotalCount: 1.5 } }, 'Page.TotalCount'],
    [{ ProcessTasks: [], Page: [] }, 'Page'],
    [null, '(the body)'],
  ])('%j: the problem names %s', (body, field) => {
    expect(asPage(body)).toEqual({ problem: field });
  });

  it('keeps the tasks untouched, unknown fields included', () => {
    const task = { TaskId: 'a', Future: { x: 1 }, ErrCode: null };
    const page = asPage({ ProcessTasks: [task], Page: { TotalCount: 1 } });
    expect(page).toEqual({ tasks: [task], totalCount: 1, totalCountKnown: true });
  });

  it.each([
    // [page number, page size, tasks on the page, inferred total]
    [1, 10, 3, 3],
    [3, 10, 4, 24],
    [2, 10, 10, 21], // a full page: at least one more task may follow
    [1, 10, 0, 0],
  ])(
    'without Page.TotalCount, page %i of size %i with %i tasks → total %i (inferred)',
    (n, size, k, total) => {
      const tasks = Array.from({ length: k }, (_, i) => ({ TaskId: String(i) }));
      expect(asPage({ ProcessTasks: tasks }, { pageNumber: n, pageSize: size })).toEqual({
        tasks,
        totalCount: total,
        totalCountKnown: false,
      });
    },
  );
});
