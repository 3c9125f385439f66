/**
 * Time ranges whose start is after their end (`ProcessActionStart=1700000000000&
 * ProcessActionEnd=1600000000000`). Each bound is valid alone, so the per-parameter schema
 * lets them through; together they match nothing, which looks like "no tasks" rather than
 * a mistake. Checked once every parameter is valid, for every pair in TIME_RANGES.
 */
import { TIME_RANGES } from './catalogue';

/**
 * The first range in `params` (validated: times are ms numbers) whose start is after its
 * end, as `{ param, message }` naming both parameters; undefined when every range is in order.
 * Equal bounds are a range of one millisecond and allowed.
 */
export function reversedRange(params: object): { param: string; message: string } | undefined {
  const values = params as Record<string, unknown>;
  for (const r of TIME_RANGES) {
    const start = values[r.start];
    const end = values[r.end];
    if (typeof start === 'number' && typeof end === 'number' && start > end) {
      return {
        param: r.start,
        message:
          `The parameter ${r.start} (${start}) is after the parameter ${r.end} (${end}): ` +
          `a range's start must not be after its end.`,
      };
    }
  }
  return undefined;
}
