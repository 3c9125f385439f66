/** The API orders by OrderField + Direction; the table sorts by column id (API field names). */
import type { Direction, OrderField } from '../../../shared/sophonsoar';

export const ORDER_FIELD_BY_COLUMN = {
  GmtCreateMillis: 'gmtCreate',
  GmtModifiedMillis: 'gmtModified',
  ProcessTime: 'processTime',
  RemoveTime: 'removeTime',
} as const satisfies Record<string, OrderField>;

export type SortableColumnId = keyof typeof ORDER_FIELD_BY_COLUMN;

export const COLUMN_BY_ORDER_FIELD: Record<OrderField, SortableColumnId> = {
  gmtCreate: 'GmtCreateMillis',
  gmtModified: 'GmtModifiedMillis',
  processTime: 'ProcessTime',
  removeTime: 'RemoveTime',
};

export interface ColumnSort {
  id: string;
  desc: boolean;
}

export function isSortableColumn(id: string): id is SortableColumnId {
  return Object.prototype.hasOwnProperty.call(ORDER_FIELD_BY_COLUMN, id);
}

/** The table's sorting state for an API order. */
export function sortingFromOrder(orderField: OrderField, direction: Direction): ColumnSort[] {
  return [{ id: COLUMN_BY_ORDER_FIELD[orderField], desc: direction === 'desc' }];
}

/** The API order for the table's sorting state; undefined when no sortable column is sorted. */
export function orderFromSorting(
  sorting: readonly ColumnSort[],
): { orderField: OrderField; direction: Direction } | undefined {
  const first = sorting.find((s) => isSortableColumn(s.id));
  if (!first) return undefined;
  return {
    orderField: ORDER_FIELD_BY_COLUMN[first.id as SortableColumnId],
    direction: first.desc ? 'desc' : 'asc',
  };
}

/** `aria-sort` of a header. */
export function ariaSort(sorted: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}
