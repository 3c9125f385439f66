import { queryOptions } from '@tanstack/react-query';
import { ApiRequestError } from '../../../lib/api-client';
import { getProcessTasks } from './get-process-tasks';
import { processTaskKeys } from './query-keys';

/** One task by TaskId, whatever page (or filter) the list is on. */
export function processTaskQueryOptions(taskId: string) {
  return queryOptions({
    queryKey: processTaskKeys.detail(taskId),
    queryFn: async ({ signal }) => {
      const res = await getProcessTasks({ TaskId: taskId, PageNumber: '1', PageSize: '10' }, signal);
      const task = res.ProcessTasks.find((t) => t.TaskId === taskId);
      if (!task)
        throw new ApiRequestError('TaskNotFound', `No task has the TaskId ${taskId}.`, 404, res.RequestId);
      return task;
    },
  });
}
