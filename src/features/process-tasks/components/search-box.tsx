import { SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Input, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { t, type MessageKey, formatList } from '../../../lib/i18n';
import { labelKey } from '../../../shared/catalogue';
import { processTasksProbeQueryOptions } from '../api/get-process-tasks';
import {
  SEARCH_ID_FIELDS,
  classifySearch,
  clearSearchPatch,
  currentSearch,
  idSearchPatch,
  searchPatch,
  type ClassifiedSearch,
  type SearchIdField,
  type SearchMode,
} from '../model/search-query';
import type { TaskFilters } from '../model/task-view';
import { looksLikeErrorText } from '../model/error-text';

interface Props {
  filters: TaskFilters;
  onChange: (patch: Partial<TaskFilters>) => void;
}

/** What the last search did, in words (the field a UUID matched, the CIDR's keyword…). */
type Outcome =
  | { kind: 'idMatched'; field: SearchIdField; count: number; others: SearchIdField[] }
  | { kind: 'idNone'; text: string }
  | { kind: 'containsOnly'; search: ClassifiedSearch }
  | { kind: 'probing'; text: string };

/**
 * One search box: recognises an IP or CIDR, a UUID (tried as TaskId, EventUuid,
 * EntityUuid, ReqUuid and AlertId, in that order), a path, a process name, else a
 * keyword (model/search-query.ts). Exact or contains is chosen beside it and shown.
 * Commits on Enter, on blur or after a pause in typing.
 */
export function SearchBox({ filters, onChange }: Props) {
  const queryClient = useQueryClient();
  const current = currentSearch(filters);
  const committedText = current?.value ?? '';
  const [draft, setDraft] = useState(committedText);
  const [seen, setSeen] = useState(committedText);
  const [mode, setMode] = useState<SearchMode>(current?.param === 'ParamContent' ? 'contains' : 'exact');
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const timer = useRef<number | undefined>(undefined);
  const run = useRef(0);
  if (seen !== committedText) {
    // Back/forward, a chip removed, clear-all: follow the URL.
    setSeen(committedText);
    setDraft(committedText);
    if (current?.param === 'ParamContent') setMode('contains');
    else if (current) setMode('exact');
  }
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const commit = async (raw: string, m: SearchMode = mode) => {
    window.clearTimeout(timer.current);
    const id = ++run.current;
    const s = classifySearch(raw);
    if (!s) {
      setOutcome(undefined);
      if (current) onChange(clearSearchPatch());
      return;
    }
    if (s.text === committedText && (m === 'contains') === (current?.param === 'ParamContent')) return;
    if (s.kind === 'id' && m === 'exact') {
      setOutcome({ kind: 'probing', text: s.text });
      const counts = await Promise.all(
        SEARCH_ID_FIELDS.map((field) =>
          queryClient.fetchQuery(processTasksProbeQueryOptions({ [field]: s.text })).then(
            (r) => r.Page?.TotalCount ?? r.ProcessTasks.length,
            () => 0,
          ),
        ),
      );
      if (id !== run.current) return;
      const hits = SEARCH_ID_FIELDS.filter((_, i) => (counts[i] ?? 0) > 0);
      const first = hits[0];
      if (first) {
        setOutcome({
          kind: 'idMatched',
          field: first,
          count: counts[SEARCH_ID_FIELDS.indexOf(first)] ?? 0,
          others: hits.slice(1),
        });
        onChange(idSearchPatch(first, s.text));
      } else {
        // No ID field holds it: the keyword may still find it in the input parameters.
        setOutcome({ kind: 'idNone', text: s.text });
        onChange(searchPatch(s, 'contains'));
      }
      return;
    }
    setOutcome(s.containsOnly ? { kind: 'containsOnly', search: s } : undefined);
    onChange(searchPatch(s, m));
  };

  // Error codes and messages are not searchable: say where to look instead.
  const errorText = looksLikeErrorText(draft);
  const effectiveMode: SearchMode = classifySearch(draft)?.containsOnly ? 'contains' : mode;
  return (
    <div className="rtc-search" role="search">
      <label htmlFor="filter-search" className="rtc-sr-only">
        {t('search.label')}
      </label>
      <Select
        aria-label={t('search.mode')}
        data-testid="search-mode"
        className="rtc-search-mode"
        value={effectiveMode}
        popupMatchSelectWidth={false}
        options={[
          { value: 'exact', label: t('search.exact') },
          { value: 'contains', label: t('search.contains') },
        ]}
        onChange={(m: SearchMode) => {
          setMode(m);
          if (draft.trim() !== '') void commit(draft, m);
        }}
      />
      <Input
        id="filter-search"
        className="rtc-search-input"
        value={draft}
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        placeholder={t('search.placeholder')}
        aria-describedby={errorText ? 'filter-search-outcome filter-search-hint' : 'filter-search-outcome'}
        onChange={(e) => {
          const v = e.target.value;
          setDraft(v);
          window.clearTimeout(timer.current);
          if (v === '') void commit(v);
          else timer.current = window.setTimeout(() => void commit(v), 700);
        }}
        onPressEnter={() => void commit(draft)}
        onBlur={() => void commit(draft)}
      />
      <span
        id="filter-search-outcome"
        className="rtc-search-outcome"
        data-testid="search-outcome"
        aria-live="polite"
      >
        {describeOutcome(outcome, current)}
      </span>
      {errorText ? (
        <span id="filter-search-hint" className="rtc-search-outcome" data-testid="search-error-hint">
          {t('search.errorTextHint')}
        </span>
      ) : null}
    </div>
  );
}

function describeOutcome(outcome: Outcome | undefined, current: ReturnType<typeof currentSearch>): string {
  if (outcome?.kind === 'probing') return t('search.probing');
  if (outcome?.kind === 'idNone' && current?.param === 'ParamContent')
    return t('search.idNone', { fields: formatList(SEARCH_ID_FIELDS) });
  if (outcome?.kind === 'containsOnly' && current?.param === 'ParamContent')
    return t(`search.kind.${outcome.search.kind}` as MessageKey, { keyword: outcome.search.keyword });
  if (outcome?.kind === 'idMatched' && current?.param === outcome.field)
    return outcome.others.length > 0
      ? t('search.idMatchedMore', {
          field: t(labelKey(outcome.field)),
          count: outcome.count,
          others: formatList(outcome.others.map((f) => t(labelKey(f)))),
        })
      : t('search.idMatched', { field: t(labelKey(outcome.field)), count: outcome.count });
  if (!current) return '';
  if (current.param === 'ParamContent') return t('search.isContains');
  if (current.param === 'EntityName') return t('search.isExactEntity');
  return t('search.isField', { field: t(labelKey(current.param)) });
}
