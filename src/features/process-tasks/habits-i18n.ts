/**
 * The strings of the keyboard shortcuts, saved views and ticket notes, through the app's
 * i18n layer (src/lib/i18n.ts) like the export's (features/export/i18n.ts): only the
 * chunks loaded after the first rows use them, so they stay out of the first screen's
 * catalogue (e2e/first-load.spec.ts holds it to 250 KB gzip).
 */
import { createTranslator, type Vars } from '../../lib/i18n';

export const habitsMessagesEn = {
  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.key': 'Key',
  'shortcuts.action': 'Action',
  'shortcuts.next': 'Focus the next row',
  'shortcuts.prev': 'Focus the previous row',
  'shortcuts.open': 'Open the focused task',
  'shortcuts.close': 'Close the task',
  'shortcuts.prevTask': 'Previous task on the page (task open)',
  'shortcuts.nextTask': 'Next task on the page (task open)',
  'shortcuts.search': 'Go to the search box',
  'shortcuts.copyId': 'Copy the Task ID of the focused or open task',
  'shortcuts.copyLink': 'Copy the link to the focused or open task (or to the list)',
  'shortcuts.help': 'Show this list',
  'shortcuts.note': 'Shortcuts do nothing while you type in a field or hold Ctrl, Alt or ⌘.',
  'shortcuts.rowFocused': 'Row {index} of {count}: task {id}',
  'shortcuts.idCopied': 'Task ID copied',
  'shortcuts.noRow': 'No task is focused',
  'shortcuts.edge': 'No more tasks on this page',
  'ticketNote.copy': 'Copy as ticket note',
  'ticketNote.copyText': 'Plain text (with formatting for rich editors)',
  'ticketNote.copyMarkdown': 'Markdown',
  'ticketNote.copied': 'Ticket note copied',
  'ticketNote.taskTitle': 'Response task {id}',
  'ticketNote.listTitle': 'Response tasks: {count}',
  'ticketNote.filters': 'Filters',
  'ticketNote.noFilters': 'none (every task)',
  'ticketNote.count': 'Matching tasks',
  'ticketNote.listedAt': 'Listed at',
  'ticketNote.link': 'Link',
  'ticketNote.zone': '{time} ({zone})',
  'savedViews.button': 'Saved views',
  'savedViews.title': 'Saved views',
  'savedViews.intro':
    'A saved view keeps the filters, sort, page size, columns and density. Relative ranges such as "last 24 hours" stay relative.',
  'savedViews.name': 'Name of the current view',
  'savedViews.save': 'Save current view',
  'savedViews.saved': 'View "{name}" saved',
  'savedViews.replaced': 'View "{name}" replaced',
  'savedViews.empty': 'No saved views yet.',
  'savedViews.apply': 'Apply',
  'savedViews.applied': 'View "{name}" applied',
  'savedViews.rename': 'Rename',
  'savedViews.renameTo': 'New name for "{name}"',
  'savedViews.renameSave': 'Save name',
  'savedViews.delete': 'Delete',
  'savedViews.deleted': 'View "{name}" deleted',
  'savedViews.export': 'Export as JSON',
  'savedViews.import': 'Import JSON',
  'savedViews.imported': '{count, plural, one {# view imported} other {# views imported}}',
  'savedViews.importFailed': 'Nothing was imported',
  'savedViews.summary': '{filters} · sorted by {order} {direction} · {pageSize} a page · {density}',
  'savedViews.density.compact': 'compact',
  'savedViews.density.comfortable': 'comfortable',
  'savedViews.error.nameEmpty': 'A view needs a name.',
  'savedViews.error.nameLong': 'A view name has at most {max} characters.',
  'savedViews.error.nameTaken': 'A view named "{name}" already exists.',
  'savedViews.error.notJson': 'The file is not JSON: {detail}',
  'savedViews.error.tooBig': 'The file is {size}; a saved-views file is at most {max}.',
  'savedViews.error.invalid': 'The file is not a saved-views file: {problems}',
  'savedViews.error.duplicateName': 'the name "{name}" appears twice',
  'savedViews.error.unknownColumn': 'unknown column "{column}"',
} as const;

export type HabitsKey = keyof typeof habitsMessagesEn;
export const th = createTranslator({ en: habitsMessagesEn });

/** A plural message of `count` (ICU `{count, plural, …}`, `#` formatted by the locale). */
export function thCount(key: 'savedViews.imported', count: number, vars?: Vars): string {
  return th(key, { ...vars, count });
}
