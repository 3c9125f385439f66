/**
 * Conflicting responses on one entity (issue 11), from the tasks' own fields:
 * - `unblockFailedElsewhere`: one product blocks or quarantines the entity (TaskStatus 21 or
 *   22) while another product's unblock or restore of it failed (91 or 92);
 * - `blockedAndWhitelisted`: the entity is blocked or quarantined (21 or 22) by one task and
 *   whitelisted (24) by another, whatever the products.
 * An entity is its EntityType and EntityName (tasks without a name are skipped); YunCode
 * is the product. Only the tasks given are compared: pass every task of the entity (the
 * drawer's "other tasks on this entity") or a page (which then sees only that page).
 */

export interface ConflictFields {
  TaskId?: string;
  TaskStatus?: number;
  YunCode?: string;
  EntityName?: string;
  EntityType?: string;
}

export type ConflictKind = 'unblockFailedElsewhere' | 'blockedAndWhitelisted';

export interface Conflict<T extends ConflictFields = ConflictFields> {
  kind: ConflictKind;
  entityName: string;
  /** The task in force (21 or 22). */
  blocking: T;
  /** The failed undo (91/92) or the whitelisting (24). */
  other: T;
}

const IN_FORCE = new Set([21, 22]);
const UNDO_FAILED = new Set([91, 92]);

/** Every conflict among `tasks`, one per (kind, entity, pair of tasks), in input order. */
export function findConflicts<T extends ConflictFields>(tasks: readonly T[]): Conflict<T>[] {
  const byEntity = new Map<string, T[]>();
  for (const t of tasks) {
    if (!t.EntityName) continue;
    const key = `${t.EntityType ?? ''}\u0000${t.EntityName}`;
    const list = byEntity.get(key);
    if (list) list.push(t);
    else byEntity.set(key, [t]);
  }
  const out: Conflict<T>[] = [];
  for (const list of byEntity.values()) {
    const blocking = list.filter((t) => t.TaskStatus !== undefined && IN_FORCE.has(t.TaskStatus));
    for (const b of blocking) {
      for (const o of list) {
        if (o === b || o.TaskStatus === undefined) continue;
        if (UNDO_FAILED.has(o.TaskStatus) && o.YunCode !== undefined && o.YunCode !== b.YunCode)
          out.push({ kind: 'unblockFailedElsewhere', entityName: b.EntityName!, blocking: b, other: o });
        else if (o.TaskStatus === 24)
          out.push({ kind: 'blockedAndWhitelisted', entityName: b.EntityName!, blocking: b, other: o });
      }
    }
  }
  return out;
}
