// Loaded on demand with the drawer. Renders data as text only (React escapes it):
// never HTML. Large documents stay responsive because collapsed nodes render nothing
// and long texts are cut until "show all" is asked for.
import { Button, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { CopyButton } from '../../../components/copy-button';
import { VisibleText } from '../../../components/visible-text';
import { t, tCount } from '../../../lib/i18n';
import { formatTextSize, parseInputParams } from '../model/input-params';

const TEXT_LIMIT = 20_000;
const CHILD_LIMIT = 200;
const STRING_LIMIT = 2_000;

/** Text in a <pre>, cut at TEXT_LIMIT characters with a "show all" button. */
function LongText({ text, testId }: { text: string; testId?: string }) {
  const [all, setAll] = useState(false);
  const cut = !all && text.length > TEXT_LIMIT;
  return (
    <div>
      <pre className="rtc-pre" data-testid={testId}>
        <VisibleText text={cut ? text.slice(0, TEXT_LIMIT) : text} multiline />
      </pre>
      {cut ? (
        <p className="rtc-muted">
          {t('json.truncated', {
            shown: formatTextSize(text.slice(0, TEXT_LIMIT)),
            size: formatTextSize(text),
          })}{' '}
          <Button size="small" onClick={() => setAll(true)}>
            {t('json.showAll', { size: formatTextSize(text) })}
          </Button>
        </p>
      ) : null}
    </div>
  );
}

function Leaf({ value }: { value: unknown }) {
  const [all, setAll] = useState(false);
  if (typeof value === 'string') {
    const s = JSON.stringify(value);
    const cut = !all && s.length > STRING_LIMIT;
    return (
      <span className="rtc-json-string">
        <VisibleText text={cut ? `${s.slice(0, STRING_LIMIT)}…` : s} />
        {cut ? (
          <Button size="small" type="link" onClick={() => setAll(true)}>
            {t('json.showAll', { size: formatTextSize(s) })}
          </Button>
        ) : null}
      </span>
    );
  }
  return (
    <span className={`rtc-json-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>
  );
}

function JsonNode({
  name,
  value,
  depth,
  openDepth,
}: {
  name: string | null;
  value: unknown;
  depth: number;
  openDepth: number;
}) {
  const isObj = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < openDepth);
  const [limit, setLimit] = useState(CHILD_LIMIT);
  const key =
    name === null ? null : (
      <span className="rtc-json-key">
        <VisibleText text={name} />:{' '}
      </span>
    );
  if (!isObj) {
    return (
      <div className="rtc-json-line">
        {key}
        <Leaf value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  const summary = Array.isArray(value)
    ? `[ ${tCount('json.items', entries.length)} ]`
    : `{ ${tCount('json.keys', entries.length)} }`;
  return (
    <details className="rtc-json-node" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {key}
        <span className="rtc-muted">{summary}</span>
      </summary>
      {open ? (
        <div className="rtc-json-children">
          {entries.slice(0, limit).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))}
          {entries.length > limit ? (
            <Button size="small" type="link" onClick={() => setLimit(entries.length)}>
              {t('json.showAll', { size: String(entries.length) })}
            </Button>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}

/** InputParams: a JSON tree (collapsible) with copy, or the raw value labelled when empty or not JSON. */
export function JsonViewer({ raw }: { raw: string | undefined }) {
  const parsed = useMemo(() => parseInputParams(raw), [raw]);
  // Remounting the tree with a different open depth is how expand/collapse-all works.
  const [openDepth, setOpenDepth] = useState(() => (raw !== undefined && raw.length > 50_000 ? 1 : 2));
  const [generation, setGeneration] = useState(0);

  if (parsed.kind === 'empty') {
    return (
      <div data-testid="json-empty">
        <Tag>{t('value.empty')}</Tag> <span className="rtc-muted">{t('json.empty')}</span>
        {raw !== undefined && raw !== '' ? <LongText text={raw} testId="json-raw" /> : null}
      </div>
    );
  }
  if (parsed.kind === 'text') {
    return (
      <div data-testid="json-not-json">
        <p>
          <Tag color="warning">{t('json.raw')}</Tag> <span className="rtc-muted">{t('json.notJson')}</span>{' '}
          <CopyButton value={parsed.raw} label={t('json.copy')} />
        </p>
        <LongText text={parsed.raw} testId="json-raw" />
      </div>
    );
  }
  const isObj = parsed.value !== null && typeof parsed.value === 'object';
  return (
    <div data-testid="json-viewer">
      <div className="rtc-json-toolbar">
        {isObj ? (
          <>
            <Button
              size="small"
              onClick={() => {
                setOpenDepth(64);
                setGeneration((g) => g + 1);
              }}
            >
              {t('json.expandAll')}
            </Button>
            <Button
              size="small"
              onClick={() => {
                setOpenDepth(1);
                setGeneration((g) => g + 1);
              }}
            >
              {t('json.collapseAll')}
            </Button>
          </>
        ) : null}
        <CopyButton value={parsed.raw} label={t('json.copy')} />
        <span className="rtc-muted">{formatTextSize(parsed.raw)}</span>
      </div>
      <div className="rtc-json" data-testid="json-tree">
        <JsonNode key={generation} name={null} value={parsed.value} depth={0} openDepth={openDepth} />
      </div>
      <LazyDetails
        summary={t('json.formatted')}
        text={() => JSON.stringify(parsed.value, null, 2)}
        testId="json-pretty"
      />
      <LazyDetails summary={t('json.raw')} text={() => parsed.raw} testId="json-raw" />
    </div>
  );
}

/** A text view in a <pre>, computed and rendered only once its <details> is opened. */
function LazyDetails({ summary, text, testId }: { summary: string; text: () => string; testId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="rtc-json-raw" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open ? <LongText text={text()} testId={testId} /> : null}
    </details>
  );
}
