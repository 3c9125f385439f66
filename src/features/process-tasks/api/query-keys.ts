import type { TaskListView } from '../model/url-state';

/** Hierarchical keys: invalidate `all` to refresh everything the feature shows. */
export const processTaskKeys = {
  all: ['process-tasks'] as const,
  lists: () => [...processTaskKeys.all, 'list'] as const,
  list: (view: TaskListView) => [...processTaskKeys.lists(), view] as const,
  details: () => [...processTaskKeys.all, 'detail'] as const,
  detail: (taskId: string) => [...processTaskKeys.details(), taskId] as const,
  sceneCodes: (lang: string) => [...processTaskKeys.all, 'scene-codes', lang] as const,
  statistics: (lang: string) => [...processTaskKeys.all, 'statistics', lang] as const,
  taskCounts: (entityUuids: readonly string[]) =>
    [...processTaskKeys.all, 'task-counts', entityUuids] as const,
  soarRecords: (query: Readonly<Record<string, string>>) =>
    [...processTaskKeys.all, 'soar-records', query] as const,
};
