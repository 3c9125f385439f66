import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW } from '../model/task-view';
import { documentTitle } from './use-document-title';

describe('documentTitle', () => {
  it('names the open task, else the active filters, else the list', () => {
    expect(documentTitle(DEFAULT_VIEW, undefined)).toBe('Response tasks');
    expect(
      documentTitle({ ...DEFAULT_VIEW, filters: { TaskStatus: ['90'], EntityName: '1.2.3.4' } }, undefined),
    ).toBe('Status: Failed (90), Entity: 1.2.3.4 · Response tasks');
    expect(documentTitle({ ...DEFAULT_VIEW, filters: { TaskStatus: ['90'] } }, 'abc')).toBe(
      'Task abc · Response tasks',
    );
  });
  it('cuts a long summary', () => {
    const title = documentTitle({ ...DEFAULT_VIEW, filters: { ParamContent: 'x'.repeat(300) } }, undefined);
    expect(title.length).toBeLessThan(150);
    expect(title).toMatch(/… · Response tasks$/);
  });
});
