import { queryOptions } from '@tanstack/react-query';
import { ApiRequestError } from '../../../lib/api-client';
import { getProcessTasks } from './get-process-tasks';
import { processTaskKeys } from './query-keys';

/** One task by TaskId, whatever page (or filter) the list is on; `priority` 'background' for a refresh nobody asked for. */
export function processTaskQueryOptions(taskId: string, priority?: 'background') {
  // The priority only orders the server's queue; the answer is the same, so is the key.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: processTaskKeys.detail(taskId),
    queryFn: async ({ signal }) => {
      const res = await getProcessTasks(
        { TaskId: taskId, PageNumber: '1', PageSize: '10' },
        signal,
        undefined,
        priority,
      );
      const task = res.ProcessTasks.find((t) => t.TaskId === taskId);
      if (!task)
        throw new ApiRequestError('TaskNotFound', `No task has the TaskId ${taskId}.`, 404, res.RequestId);
      return task;
    },
  });
}
