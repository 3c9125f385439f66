/**
 * "Copy as ticket note": a short summary of one task, or of the filtered list, for an
 * incident ticket, in three flavours built from the same lines: plain text, Markdown and
 * HTML (what rich editors take from the clipboard's text/html).
 *
 * Hostile data stays inert in every flavour:
 * - every value is single-line data: direction controls, zero-width characters and line
 *   breaks show as tokens (⟨U+202E⟩, ⟨LF⟩: lib/invisible-chars.ts), so a value can neither
 *   reorder what is read nor forge a line of its own ("\nStatus: Succeeded");
 * - Markdown: what has meaning in a line is backslash-escaped (escapeMarkdown), so `*`, `[x](…)`, `<script>`, `|`, backticks and `&amp;`
 *   stay text; the link is an autolink `<…>` (our own URL, percent-encoded: no `<`, `>` or
 *   space);
 * - HTML: `& < > " '` are written as entities.
 */
import { t } from '../../../lib/i18n';
import { revealInvisible } from '../../../lib/invisible-chars';
import { formatDateTimeWithZone, resolveTimeZone, type TimeZoneSetting } from '../../../lib/time';
import { TASK_FIELDS, labelKey, type TaskFieldName } from '../../../shared/catalogue';
import type { TaskRecord } from '../../../shared/responses';
import { activeFilters } from './filter-summary';
import { entityTypeLabel, productLabel, removeTimeLabel, statusLabel } from './labels';
import type { TaskFilters } from './task-view';
import { th } from '../habits-i18n';

export interface TicketNote {
  text: string;
  markdown: string;
  html: string;
}

interface NoteLine {
  label: string;
  value: string;
}

/** A value as single-line visible text (see the module comment). */
export const inert = (v: string): string => revealInvisible(v);

/**
 * Backslash escapes for what has meaning inside a Markdown line (CommonMark and GitHub's
 * extensions): emphasis, code, links and images (`[`, `]`), raw HTML and autolinks (`<`,
 * `>`), entities (`&`), tables (`|`), strikethrough (`~`), and the bare URLs, `www.` and
 * e-mail addresses GitHub links by itself. Line-start constructs (`#`, `-`, `1.`) need none:
 * a value never starts a line.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*_[\]<>&|~@]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`);
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** `2026-11-27 17:12:05 UTC+08:00 (Asia/Shanghai)`: the wall clock, its offset and the zone. */
export function timeWithZone(ms: number, zone: TimeZoneSetting): string {
  return th('ticketNote.zone', { time: formatDateTimeWithZone(ms, zone), zone: resolveTimeZone(zone) });
}

function render(title: string, lines: readonly NoteLine[], link: string): TicketNote {
  const all = [...lines, { label: th('ticketNote.link'), value: link }];
  // "Status: Failed (90)" / "状态：失败（90）": the label's colon is the locale's.
  const labelled = (label: string) => th('ticketNote.label', { label });
  const text = [
    inert(title),
    ...all.map((l) => th('ticketNote.line', { label: l.label, value: inert(l.value) })),
  ].join('\n');
  const markdown = [
    `**${escapeMarkdown(inert(title))}**`,
    '',
    ...lines.map((l) => `- **${escapeMarkdown(labelled(l.label))}** ${escapeMarkdown(inert(l.value))}`),
    `- **${escapeMarkdown(labelled(th('ticketNote.link')))}** <${link}>`,
  ].join('\n');
  const html =
    `<p><strong>${escapeHtml(inert(title))}</strong></p><ul>` +
    lines
      .map((l) => `<li><strong>${escapeHtml(labelled(l.label))}</strong> ${escapeHtml(inert(l.value))}</li>`)
      .join('') +
    `<li><strong>${escapeHtml(labelled(th('ticketNote.link')))}</strong> <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></li></ul>`;
  return { text, markdown, html };
}

const label = (f: TaskFieldName) => t(labelKey(f));
const ID_FIELDS = TASK_FIELDS.filter((f) => f.group === 'ids').map((f) => f.name);
const TIME_FIELDS = TASK_FIELDS.filter((f) => f.group === 'times').map((f) => f.name);
const ERROR_FIELDS: readonly TaskFieldName[] = ['ErrCode', 'ErrMsg', 'ErrTip'];

const present = (v: unknown): v is string | number =>
  (typeof v === 'string' && v !== '') || typeof v === 'number';

/**
 * The note of one task: status, entity (with its type), product, scene, every time the
 * task has (in `zone`, with offset and zone name), every ID it has, the error code,
 * message and fix hint when present, and `link` (the task's absolute URL).
 */
export function taskNote(task: TaskRecord, link: string, zone: TimeZoneSetting): TicketNote {
  const lines: NoteLine[] = [];
  const add = (name: string, value: unknown) => {
    if (present(value)) lines.push({ label: name, value: String(value) });
  };
  add(label('TaskStatus'), task.TaskStatus === undefined ? undefined : statusLabel(task.TaskStatus));
  if (present(task.EntityName))
    add(
      label('EntityName'),
      task.EntityType ? `${task.EntityName} (${entityTypeLabel(task.EntityType)})` : task.EntityName,
    );
  if (present(task.YunCode)) add(label('YunCode'), productLabel(task.YunCode));
  if (present(task.SceneName) || present(task.SceneCode))
    add(
      label('SceneName'),
      [task.SceneName, task.SceneCode ? `(${task.SceneCode})` : undefined].filter(Boolean).join(' '),
    );
  for (const f of TIME_FIELDS) {
    const ms = task[f];
    if (typeof ms === 'number' && Number.isFinite(ms))
      add(f === 'RemoveTime' ? removeTimeLabel(task) : label(f), timeWithZone(ms, zone));
  }
  for (const f of ID_FIELDS) add(label(f), task[f]);
  for (const f of ERROR_FIELDS) add(label(f), task[f]);
  return render(th('ticketNote.taskTitle', { id: task.TaskId ?? '' }), lines, link);
}

/**
 * The note of a filtered list: each active filter ("Status: Failed (90)", "Processed:
 * Last 24 hours"), the count, when it was listed (relative ranges move with time) and
 * `link` (the list's absolute URL).
 */
export function listNote(
  filters: TaskFilters,
  totalCount: number | undefined,
  link: string,
  now: number,
  zone: TimeZoneSetting,
): TicketNote {
  const active = activeFilters(filters);
  const lines: NoteLine[] = active.length
    ? active.map((f) => ({ label: f.label, value: f.value }))
    : [{ label: th('ticketNote.filters'), value: th('ticketNote.noFilters') }];
  const count = totalCount === undefined ? '?' : String(totalCount);
  lines.push({ label: th('ticketNote.count'), value: count });
  lines.push({ label: th('ticketNote.listedAt'), value: timeWithZone(now, zone) });
  return render(th('ticketNote.listTitle', { count }), lines, link);
}
