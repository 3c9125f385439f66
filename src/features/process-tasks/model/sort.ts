/** The API orders by OrderField + Direction; the table sorts by column id (API field names). */
import { ORDERABLE_FIELDS, orderedField, type Direction, type OrderField } from '../../../shared/catalogue';

export type SortableColumnId = (typeof ORDERABLE_FIELDS)[number]['name'];

/** OrderField → the column (task field) it sorts, from the catalogue. */
export const COLUMN_BY_ORDER_FIELD: Readonly<Record<string, SortableColumnId>> = Object.fromEntries(
  ORDERABLE_FIELDS.map((f) => [f.orderField, f.name]),
);

export interface ColumnSort {
  id: string;
  desc: boolean;
}

const orderableField = (id: string) => ORDERABLE_FIELDS.find((f) => f.name === id);

export function isSortableColumn(id: string): id is SortableColumnId {
  return orderableField(id) !== undefined;
}

/** The table's sorting state for an API order. */
export function sortingFromOrder(orderField: OrderField, direction: Direction): ColumnSort[] {
  return [{ id: orderedField(orderField), desc: direction === 'desc' }];
}

/** The API order for the table's sorting state; undefined when no sortable column is sorted. */
export function orderFromSorting(
  sorting: readonly ColumnSort[],
): { orderField: OrderField; direction: Direction } | undefined {
  for (const s of sorting) {
    const field = orderableField(s.id);
    if (field) return { orderField: field.orderField, direction: s.desc ? 'desc' : 'asc' };
  }
  return undefined;
}

/** `aria-sort` of a header. */
export function ariaSort(sorted: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}
