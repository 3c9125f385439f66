/** The views the drill-downs open. */
import { DEFAULT_VIEW, type TaskListView } from './task-view';

/**
 * Every task on an entity, across products (WAF, CFW, Security Center): only the
 * EntityName filter (exact), newest first; every other filter is left out on purpose.
 */
export function entityPivotView(entityName: string): TaskListView {
  return { ...DEFAULT_VIEW, filters: { EntityName: entityName } };
}
