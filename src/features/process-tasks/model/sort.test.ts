import { describe, expect, it } from 'vitest';
import { ORDER_FIELDS } from '../../../shared/sophonsoar';
import { ariaSort, COLUMN_BY_ORDER_FIELD, orderFromSorting, sortingFromOrder } from './sort';

describe('sort mapping between table columns and OrderField', () => {
  it.each([
    ['gmtCreate', 'GmtCreateMillis'],
    ['gmtModified', 'GmtModifiedMillis'],
    ['processTime', 'ProcessTime'],
    ['removeTime', 'RemoveTime'],
  ] as const)('%s ↔ %s, both directions', (field, column) => {
    expect(sortingFromOrder(field, 'desc')).toEqual([{ id: column, desc: true }]);
    expect(sortingFromOrder(field, 'asc')).toEqual([{ id: column, desc: false }]);
    expect(orderFromSorting([{ id: column, desc: true }])).toEqual({ orderField: field, direction: 'desc' });
    expect(orderFromSorting([{ id: column, desc: false }])).toEqual({ orderField: field, direction: 'asc' });
  });

  it('covers every OrderField the API accepts', () => {
    expect(Object.keys(COLUMN_BY_ORDER_FIELD).sort()).toEqual([...ORDER_FIELDS].sort());
  });

  it('ignores columns the API cannot order by', () => {
    expect(orderFromSorting([{ id: 'EntityName', desc: false }])).toBeUndefined();
    expect(orderFromSorting([])).toBeUndefined();
  });

  it('maps the sort state to aria-sort', () => {
    expect([ariaSort('asc'), ariaSort('desc'), ariaSort(false)]).toEqual(['ascending', 'descending', 'none']);
  });
});
