/**
 * The Simplified Chinese catalog of the filter controls (ICU messages, same keys and
 * arguments as `filterMessagesEn` in ./filter-i18n.ts; src/app/catalogs.test.ts checks it),
 * with the console's terms (状态, 云产品, 触发来源). Loaded on demand with the locale
 * (app/locale-setting.ts).
 */
import type { filterMessagesEn } from './filter-i18n';

export const filterMessagesZh = {
  'filters.chosen.TaskStatus': '{count, plural, other {# 个状态}}',
  'filters.chosen.YunCode': '{count, plural, other {# 个云产品}}',
  'filters.chosen.Source': '{count, plural, other {# 个触发来源}}',
  'filters.chosen.other': '{count, plural, other {已选 # 项}}',
  'filters.chosenGroup': '全部{group}',
} as const satisfies Record<keyof typeof filterMessagesEn, string>;
