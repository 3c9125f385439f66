// Loaded on demand (React.lazy) when the analyst opens the breakdown: not on the first screen.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, InputNumber, Progress } from 'antd';
import { Fragment, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { CopyButton } from '../../../components/copy-button';
import { InvisibleWarning, VisibleText } from '../../../components/visible-text';
import { formatList, formatNumber, t } from '../../../lib/i18n';
import { splitInvisible } from '../../../lib/invisible-chars';
import { storedSetting } from '../../../lib/stored-setting';
import { labelKey } from '../../../shared/catalogue';
import type { TaskRecord } from '../../../shared/responses';
import { failedTasksScanQueryOptions } from '../api/get-failed-tasks';
import {
  FAILURE_SCAN_BOUND_DEFAULT,
  FAILURE_SCAN_BOUND_MAX,
  FAILURE_SCAN_BOUND_MIN,
  FAILURE_SCAN_BOUND_STORAGE_KEY,
  failedStatuses,
  groupByCause,
  parseScanBound,
  type CauseGroup,
  type ScanProgress,
} from '../model/failure-causes';
import { productLabel, statusLabel } from '../model/labels';
import { serializeView, type TaskListView } from '../model/url-state';

const isBound = (v: unknown): v is number => typeof v === 'number' && parseScanBound(String(v)) === v;

/** The analyst's "Read at most" bound, remembered (lib/stored-setting.ts). */
const scanBound = storedSetting(FAILURE_SCAN_BOUND_STORAGE_KEY, isBound, FAILURE_SCAN_BOUND_DEFAULT);

/** After these characters an ErrCode may break onto the next line (and nowhere else). */
const CODE_BREAK_AFTER = /(?<=[.:/_-])/;

/**
 * An ErrCode such as `waf_openapi.Quota.BlacklistFull`: it breaks only after its dots and
 * other punctuation, a part too long for the column is cut with an ellipsis, and the whole
 * code is its title and what the copy button copies.
 */
export function CauseCode({ code }: { code: string }) {
  const hidden = splitInvisible(code).some((p) => p.kind === 'invisible');
  return (
    <span className="rtc-cause-code-line">
      <span className="rtc-cause-code rtc-error-text" title={code} data-testid="cause-code">
        {hidden ? <InvisibleWarning /> : null}
        {code.split(CODE_BREAK_AFTER).map((part, i) => (
          <Fragment key={i}>
            {i > 0 ? <wbr /> : null}
            <span className="rtc-cause-code-part">
              <VisibleText text={part} warning={false} />
            </span>
          </Fragment>
        ))}
      </span>
      <CopyButton value={code} label={t(labelKey('ErrCode'))} />
    </span>
  );
}

/** Text longer than this may need more lines than its box shows: the box scrolls and takes focus. */
const SCROLLS_AFTER_CHARS = 100;

/** Whether `el` has more content than it shows (it scrolls), in either direction. */
const overflows = (el: HTMLElement) => el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth;

/**
 * ErrMsg or ErrTip as inert visible text (markup, formulas and direction controls shown as
 * they are, isolated from the text around them) in a box of at most six lines. A box that
 * scrolls takes focus, so a keyboard can scroll it: first guessed from the text's length,
 * then measured once laid out and whenever its size changes (a narrow column, a revealed
 * control's token, a closed <details> opened).
 */
export function CauseText({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(text.length > SCROLLS_AFTER_CHARS);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Hidden (display: none, a closed <details>), nothing is measured: the guess stands.
    const measure = () => {
      if (el.clientHeight > 0) setScrolls(overflows(el));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text]);
  return (
    <div ref={ref} className="rtc-cause-text" data-testid="cause-text" tabIndex={scrolls ? 0 : undefined}>
      <VisibleText text={text} multiline />
    </div>
  );
}

function BoundField({ bound, onChange }: { bound: number; onChange: (n: number) => void }) {
  const [draft, setDraft] = useState<number | null>(bound);
  const commit = () => {
    if (draft !== null && isBound(draft)) onChange(draft);
    else setDraft(bound);
  };
  return (
    <label className="rtc-causes-bound">
      <span>{t('causes.bound')}</span>{' '}
      <InputNumber
        size="small"
        min={FAILURE_SCAN_BOUND_MIN}
        max={FAILURE_SCAN_BOUND_MAX}
        step={100}
        precision={0}
        value={draft}
        onChange={setDraft}
        onBlur={commit}
        onPressEnter={commit}
        data-testid="causes-bound"
      />
    </label>
  );
}

/** The tasks of one group, from those fetched: links to /tasks/<TaskId> that open the drawer. */
function GroupTasks({
  tasks,
  taskHref,
  onOpenTask,
}: {
  tasks: TaskRecord[];
  taskHref: (id: string) => string;
  onOpenTask: (id: string) => void;
}) {
  const open = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return; // a new tab, as a link does
    e.preventDefault();
    onOpenTask(id);
  };
  return (
    <ul className="rtc-causes-tasks" aria-label={t('causes.groupTasks')} data-testid="cause-tasks">
      {tasks.map((task, i) => (
        <li key={task.TaskId ?? `#${i}`} data-task-id={task.TaskId}>
          {task.TaskId ? (
            <a className="rtc-mono" href={taskHref(task.TaskId)} onClick={(e) => open(e, task.TaskId!)}>
              <VisibleText text={task.TaskId} />
            </a>
          ) : (
            <span className="rtc-muted">{t('value.missing')}</span>
          )}{' '}
          <span>{statusLabel(task.TaskStatus)}</span>
          {' · '}
          <VisibleText text={task.EntityName ?? t('value.missing')} />
          {' · '}
          <span>{productLabel(task.YunCode)}</span>
        </li>
      ))}
    </ul>
  );
}

function GroupRow({
  group,
  expanded,
  onToggle,
  children,
}: {
  group: CauseGroup<TaskRecord>;
  expanded: boolean;
  onToggle: () => void;
  children: React.ReactNode;
}) {
  const [message, ...otherMessages] = group.messages;
  return (
    <>
      <tr data-testid="cause-group" data-code={group.code ?? ''} data-count={group.count}>
        <td className="rtc-mono">
          {group.code === undefined ? (
            <span className="rtc-muted">{t('causes.noCode')}</span>
          ) : (
            <CauseCode code={group.code} />
          )}
        </td>
        <td className="rtc-causes-count" data-testid="cause-count">
          {formatNumber(group.count)}
        </td>
        <td className="rtc-causes-text">
          {message ? <CauseText text={message.value} /> : <span className="rtc-muted">—</span>}
          {otherMessages.length > 0 ? (
            <details data-testid="cause-other-messages">
              <summary className="rtc-muted">{t('causes.moreMessages', { n: otherMessages.length })}</summary>
              {otherMessages.map((m) => (
                <div key={m.value}>
                  <CauseText text={m.value} /> <span className="rtc-muted">({formatNumber(m.count)})</span>
                </div>
              ))}
            </details>
          ) : null}
        </td>
        <td className="rtc-causes-text">
          {group.tips.length > 0 ? (
            group.tips.map((tip) => <CauseText key={tip.value} text={tip.value} />)
          ) : (
            <span className="rtc-muted">—</span>
          )}
        </td>
        <td>{formatList(group.products.map((p) => `${productLabel(p.value)}: ${formatNumber(p.count)}`))}</td>
        <td className="rtc-causes-action">
          <Button size="small" aria-expanded={expanded} onClick={onToggle} data-testid="cause-toggle">
            {expanded ? t('causes.hideTasks') : t('causes.showTasks')}
          </Button>
        </td>
      </tr>
      {expanded ? (
        <tr className="rtc-causes-expanded">
          <td colSpan={6}>{children}</td>
        </tr>
      ) : null}
    </>
  );
}

interface Props {
  /** The list's view: the breakdown reads the failed tasks of its filters. */
  view: TaskListView;
  /** Opens one task in the task drawer (which shows above this one). */
  onOpenTask: (taskId: string) => void;
  onClose: () => void;
}

/**
 * "Failures by cause" in a drawer over the right of the list (the rows do not move; the
 * filters stay usable, the breakdown follows them). Esc or Close closes it, and focus goes
 * back to the button that opened it. Its content is dropped when closed (the scan stops).
 */
export function FailureCauses({ open, ...props }: Props & { open: boolean }) {
  return (
    <Drawer
      open={open}
      onClose={props.onClose}
      placement="right"
      size="min(960px, 72vw)"
      mask={false}
      // Under the task drawer (zIndex 1000) that a group's task opens.
      zIndex={999}
      destroyOnHidden
      title={
        <span id="causes-title" className="rtc-section-title">
          {t('causes.title')}
        </span>
      }
      closable={{ 'aria-label': t('causes.close') }}
      rootClassName="rtc-causes-drawer"
      data-testid="causes-drawer"
    >
      <div id="failure-causes">
        <CausesContent {...props} />
      </div>
    </Drawer>
  );
}

/**
 * Failed tasks of the current filters grouped by ErrCode (model/failure-causes.ts): reads
 * them page by page up to the analyst's bound, with progress; "based on N of M" when it
 * stops short. Closing it or changing the filters drops the scan (its requests aborted).
 */
function CausesContent({ view, onOpenTask }: Props) {
  const [bound, setBound] = scanBound.use();
  const statuses = failedStatuses(view.filters.TaskStatus);
  // Progress and the open group belong to one scan: filters, statuses and bound.
  const key = JSON.stringify([view.filters, statuses, bound]);
  const [progress, setProgress] = useState<{ key: string; p: ScanProgress }>();
  const options = failedTasksScanQueryOptions(view.filters, statuses, bound, (p) => setProgress({ key, p }));
  const scan = useQuery({ ...options, enabled: statuses.length > 0 });
  const [expanded, setExpanded] = useState<{ key: string; code: string | undefined }>();
  const search = serializeView(view);
  const taskHref = (id: string) => `/tasks/${encodeURIComponent(id)}${search ? `?${search}` : ''}`;
  const groups = scan.data ? groupByCause(scan.data.tasks) : [];
  const shownProgress = progress?.key === key ? progress.p : undefined;

  return (
    <section className="rtc-causes" aria-labelledby="causes-title" data-testid="failure-causes">
      <div className="rtc-causes-head">
        <BoundField bound={bound} onChange={setBound} />
      </div>
      <p className="rtc-muted">{t('causes.intro')}</p>
      <p data-testid="causes-search-note">{t('causes.searchNote')}</p>
      {statuses.length === 0 ? (
        <p data-testid="causes-empty">{t('causes.statusExcludes')}</p>
      ) : scan.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('causes.error')}
          description={<VisibleText text={scan.error.message} />}
          action={
            <Button size="small" onClick={() => void scan.refetch()}>
              {t('causes.retry')}
            </Button>
          }
        />
      ) : !scan.data ? (
        <div role="status" data-testid="causes-progress">
          {shownProgress?.target === undefined ? (
            <span>{t('causes.starting')}</span>
          ) : (
            <>
              <Progress
                percent={
                  shownProgress.target === 0
                    ? 100
                    : Math.round((100 * shownProgress.fetched) / shownProgress.target)
                }
                size="small"
                aria-hidden
              />
              <span>
                {t('causes.progress', {
                  fetched: formatNumber(shownProgress.fetched),
                  target: formatNumber(shownProgress.target),
                })}
              </span>
            </>
          )}
        </div>
      ) : scan.data.total === 0 ? (
        <p data-testid="causes-empty">{t('causes.noneFailed')}</p>
      ) : (
        <>
          <p
            data-testid="causes-coverage"
            data-fetched={scan.data.tasks.length}
            data-total={scan.data.total}
            data-complete={scan.data.complete}
          >
            {scan.data.complete
              ? t('causes.complete', { total: formatNumber(scan.data.total) })
              : t('causes.basedOn', {
                  fetched: formatNumber(scan.data.tasks.length),
                  total: formatNumber(scan.data.total),
                  bound: formatNumber(bound),
                })}
          </p>
          <div className="rtc-causes-wrap">
            <table className="rtc-causes-table">
              <thead>
                <tr>
                  <th scope="col">{t(labelKey('ErrCode'))}</th>
                  <th scope="col">{t('causes.count')}</th>
                  <th scope="col">{t(labelKey('ErrMsg'))}</th>
                  <th scope="col">{t(labelKey('ErrTip'))}</th>
                  <th scope="col">{t(labelKey('YunCode'))}</th>
                  <th scope="col">
                    <span className="rtc-sr-only">{t('causes.showTasks')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => {
                  const open = expanded?.key === key && expanded.code === g.code;
                  return (
                    <GroupRow
                      key={g.code ?? '\u0000none'}
                      group={g}
                      expanded={open}
                      onToggle={() => setExpanded(open ? undefined : { key, code: g.code })}
                    >
                      <GroupTasks tasks={g.tasks} taskHref={taskHref} onOpenTask={onOpenTask} />
                    </GroupRow>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
