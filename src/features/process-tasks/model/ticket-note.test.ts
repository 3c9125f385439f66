import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../shared/responses';
import { escapeHtml, escapeMarkdown, listNote, taskNote } from './ticket-note';

const LINK = 'http://127.0.0.1:1234/tasks/t-1?TaskStatus=90';
// 2026-11-27T09:12:05Z
const MS = Date.UTC(2026, 10, 27, 9, 12, 5);

const task: TaskRecord = {
  TaskId: 't-1',
  TaskStatus: 90,
  EntityName: '1.2.3.4',
  EntityType: 'ip',
  YunCode: 'WAF',
  SceneName: 'Block IP',
  SceneCode: 'block_ip',
  ProcessTime: MS,
  Scope: '1234567890123456789',
  Creator: '9876543210987654321',
  ErrCode: 'E1',
  ErrMsg: 'Quota exceeded',
  ErrTip: 'Raise the quota',
};

describe('taskNote', () => {
  it('has status, entity, product, scene, times with their zone, ids, error, tip and link', () => {
    const { text } = taskNote(task, LINK, 'Asia/Shanghai');
    expect(text.split('\n')).toEqual([
      'Response task t-1',
      'Status: Failed (90)',
      'Entity: 1.2.3.4 (IP address)',
      'Product: Web Application Firewall (WAF)',
      'Scene: Block IP (block_ip)',
      'Processed: 2026-11-27 17:12:05 UTC+08:00 (Asia/Shanghai)',
      'Task ID: t-1',
      'Creator: 9876543210987654321',
      'Account: 1234567890123456789',
      'Error code: E1',
      'Error message: Quota exceeded',
      'Error tip: Raise the quota',
      `Link: ${LINK}`,
    ]);
  });

  it('writes times in the zone asked for', () => {
    expect(taskNote(task, LINK, 'UTC').text).toContain('Processed: 2026-11-27 09:12:05 UTC+00:00 (UTC)');
    expect(taskNote(task, LINK, 'America/New_York').text).toContain(
      'Processed: 2026-11-27 04:12:05 UTC-05:00 (America/New_York)',
    );
  });

  it('leaves out what the task does not have', () => {
    const { text } = taskNote({ TaskId: 'x' }, LINK, 'UTC');
    expect(text).toBe(`Response task x\nTask ID: x\nLink: ${LINK}`);
  });

  it('Markdown: a list with the link as an autolink', () => {
    const { markdown } = taskNote(task, LINK, 'UTC');
    expect(markdown).toContain('**Response task t-1**');
    expect(markdown).toContain('- **Status:** Failed (90)');
    expect(markdown).toContain(`- **Link:** <${LINK}>`);
  });

  const hostile: TaskRecord = {
    TaskId: 'h-1',
    EntityName: 'evil\nStatus: Succeeded',
    ErrMsg: '<script>alert(1)</script> [click](http://evil) *bold* `code` | a | &amp;',
    ErrTip: 'invoice\u202Egpj.exe\u200B',
  };

  it.each(['text', 'markdown', 'html'] as const)(
    'hostile data cannot forge a line or reorder text (%s)',
    (flavour) => {
      const note = taskNote(hostile, LINK, 'UTC')[flavour];
      expect(note).not.toMatch(/\nStatus: Succeeded/);
      expect(note).toContain('⟨LF⟩');
      expect(note).not.toContain('\u202E');
      expect(note).not.toContain('\u200B');
      expect(note).toContain('⟨U+202E⟩');
    },
  );

  it('Markdown and HTML keep markup inert', () => {
    const { markdown, html } = taskNote(hostile, LINK, 'UTC');
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(markdown).toContain('\\[click\\](http\\://evil)');
    expect(markdown).toContain('\\*bold\\* \\`code\\` \\| a \\| \\&amp;');
    expect(markdown).not.toMatch(/[^\\]<script/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain('&amp;amp;');
  });
});

describe('escapes', () => {
  it.each([
    ['a*b', 'a\\*b'],
    ['_x_', '\\_x\\_'],
    ['see http://evil.example', 'see http\\://evil.example'],
    ['www.evil.example', 'www\\.evil.example'],
    ['a@b.example', 'a\\@b.example'],
    ['~~x~~ | y', '\\~\\~x\\~\\~ \\| y'],
    ['2026-11-27 09:12:05 (UTC)', '2026-11-27 09:12:05 (UTC)'],
    ['plain 中文', 'plain 中文'],
    ['\\', '\\\\'],
  ])('Markdown %j → %j', (input, out) => expect(escapeMarkdown(input)).toBe(out));
  it('HTML', () =>
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'));
});

describe('listNote', () => {
  it('has the filter summary, the count, when it was listed and the link', () => {
    const { text } = listNote(
      { TaskStatus: ['90'], ProcessActionStart: 'now-24h', ProcessActionEnd: 'now' },
      42,
      LINK,
      MS,
      'UTC',
    );
    expect(text.split('\n')).toEqual([
      'Response tasks: 42',
      'Status: Failed (90)',
      'Processed: Last 24 hours',
      'Matching tasks: 42',
      'Listed at: 2026-11-27 09:12:05 UTC+00:00 (UTC)',
      `Link: ${LINK}`,
    ]);
  });

  it('says when nothing is filtered, and keeps a typed entity inert', () => {
    expect(listNote({}, 3000, LINK, MS, 'UTC').text).toContain('Filters: none (every task)');
    const { text, markdown } = listNote({ EntityName: 'a\u202Eb*' }, 1, LINK, MS, 'UTC');
    expect(text).toContain('Entity: a⟨U+202E⟩b*');
    expect(markdown).toContain('a⟨U+202E⟩b\\*');
  });
});
