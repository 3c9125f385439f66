// Loaded with the drawer and with the toolbar's extras, never on the first screen.
import { DownOutlined, SnippetsOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import { t } from '../../../lib/i18n';
import { getTimeZoneSetting } from '../../../lib/time';
import type { TaskRecord } from '../../../shared/responses';
import { absoluteHref, currentTaskUrlState } from '../hooks/task-url-store';
import { listNote, taskNote, type TicketNote } from '../model/ticket-note';
import { th } from '../habits-i18n';
import { feedback } from '../../../components/feedback';

/**
 * Puts a note on the clipboard: `text` as text/plain with `html` as text/html (rich editors
 * paste the formatted list, plain ones the text), or `markdown` as text/plain.
 * Rejects when the browser refuses the clipboard.
 */
export async function copyNote(note: TicketNote, flavour: 'text' | 'markdown'): Promise<void> {
  const clip = navigator.clipboard;
  if (!clip) throw new Error('Clipboard API unavailable');
  if (flavour === 'markdown') return clip.writeText(note.markdown);
  if (typeof ClipboardItem === 'function' && clip.write) {
    const item = new ClipboardItem({
      'text/plain': new Blob([note.text], { type: 'text/plain' }),
      'text/html': new Blob([note.html], { type: 'text/html' }),
    });
    return clip.write([item]);
  }
  return clip.writeText(note.text);
}

/** "Copy as ticket note", with Markdown in its menu. `makeNote` runs at click time. */
function NoteButton({ makeNote, testId }: { makeNote: () => TicketNote; testId: string }) {
  const { message } = feedback;
  const copy = (flavour: 'text' | 'markdown') =>
    copyNote(makeNote(), flavour).then(
      () => void message.success(th('ticketNote.copied'), 1.5),
      () => void message.error(t('copy.failed')),
    );
  return (
    <Space.Compact>
      <Button
        icon={<SnippetsOutlined />}
        onClick={() => void copy('text')}
        data-testid={testId}
        title={th('ticketNote.copy')}
      >
        {th('ticketNote.copy')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'text', label: th('ticketNote.copyText') },
            { key: 'markdown', label: th('ticketNote.copyMarkdown') },
          ],
          onClick: ({ key }) => void copy(key === 'markdown' ? 'markdown' : 'text'),
        }}
      >
        <Button
          icon={<DownOutlined />}
          aria-label={`${th('ticketNote.copy')}: ${th('ticketNote.copyMarkdown')}`}
          data-testid={`${testId}-formats`}
        />
      </Dropdown>
    </Space.Compact>
  );
}

/** The drawer's note of one task (its link keeps the list's view behind it). */
export function TaskNoteButton({ task }: { task: TaskRecord }) {
  return (
    <NoteButton
      testId="task-note"
      makeNote={() => {
        const { view } = currentTaskUrlState();
        const link = absoluteHref(task.TaskId === undefined ? { view } : { view, openTaskId: task.TaskId });
        return taskNote(task, link, getTimeZoneSetting());
      }}
    />
  );
}

/** The toolbar's note of the filtered list. */
export function ListNoteButton({ totalCount }: { totalCount: number | undefined }) {
  return (
    <NoteButton
      testId="list-note"
      makeNote={() => {
        const { view } = currentTaskUrlState();
        return listNote(view.filters, totalCount, absoluteHref({ view }), Date.now(), getTimeZoneSetting());
      }}
    />
  );
}
