/**
 * The strings of the filter controls that load after the first rows (what a multi-select
 * shows when several values are chosen), through the app's i18n layer (src/lib/i18n.ts)
 * like ./habits-i18n.ts: only the filter controls' chunk uses them, so they stay out of
 * the first screen's catalogue (e2e/first-load.spec.ts holds it to 250 KB gzip).
 */
import { createCatalog } from '../../lib/i18n';

export const filterMessagesEn = {
  'filters.chosen.TaskStatus': '{count, plural, one {# status} other {# statuses}}',
  'filters.chosen.YunCode': '{count, plural, one {# product} other {# products}}',
  'filters.chosen.Source': '{count, plural, one {# source} other {# sources}}',
  'filters.chosen.other': '{count, plural, one {# value} other {# values}}',
  'filters.chosenGroup': '{group} (all)',
} as const;

/** `tf`, the translator; `tfCount`, a plural message with `count`. */
export const { t: tf, tCount: tfCount } = createCatalog(filterMessagesEn);
