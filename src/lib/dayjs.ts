// The one dayjs instance of the SPA. Imported first by main.tsx so every module
// (including antd's pickers) sees the plugins installed.
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

export { dayjs };
export type { Dayjs } from 'dayjs';
