// Loaded on demand (React.lazy, after the first rows): not part of the first screen.
import { BookOutlined } from '@ant-design/icons';
import { Alert, Button, Input, List, Modal, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { VisibleText } from '../../../components/visible-text';
import { t, formatList } from '../../../lib/i18n';
import { readDensity, setDensity } from '../hooks/use-density';
import { navigateTo, currentTaskUrlState } from '../hooks/task-url-store';
import type { TaskTable } from '../hooks/use-task-table';
import { activeFilters } from '../model/filter-summary';
import {
  captureView,
  deleteView,
  mergeViews,
  parseSavedViewsFile,
  readStoredViews,
  renameView,
  savedViewsFileText,
  upsertView,
  viewOf,
  type SavedView,
} from '../model/saved-views';
import { COLUMN_IDS } from './task-columns';
import { th, thCount } from '../habits-i18n';
import { feedback } from '../../../components/feedback';

export const SAVED_VIEWS_STORAGE_KEY = 'rtc.process-tasks.saved-views.v1';

function loadViews(): SavedView[] {
  try {
    return readStoredViews(window.localStorage.getItem(SAVED_VIEWS_STORAGE_KEY), COLUMN_IDS);
  } catch {
    return [];
  }
}

function storeViews(views: readonly SavedView[]): void {
  try {
    window.localStorage.setItem(SAVED_VIEWS_STORAGE_KEY, savedViewsFileText(views));
  } catch {
    // Not persisted (private mode, quota): the list still applies for this page view.
  }
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Status: Failed (90), Processed: Last 24 hours · compact" (状态：失败（90）、处置时间：最近 24 小时) */
function summary(v: SavedView): string {
  const filters = formatList(
    activeFilters(viewOf(v).filters).map((f) => t('title.filter', { label: f.label, value: f.value })),
  );
  return `${filters || th('ticketNote.noFilters')} · ${th(`savedViews.density.${v.density}`)}`;
}

/** The toolbar's "Saved views": save, apply, rename, delete, export and import (model/saved-views.ts). */
export function SavedViewsMenu({ table }: { table: TaskTable }) {
  const { message } = feedback;
  const [open, setOpen] = useState(false);
  const [views, setViewsState] = useState<SavedView[]>(loadViews);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  /** A refused import: what is wrong and each problem (model/saved-views.ts parseSavedViewsFile). */
  const [importError, setImportError] = useState<{ error: string; problems: string[] } | undefined>();
  const [renaming, setRenaming] = useState<{ from: string; to: string } | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);

  const showError = (e: string) => {
    setImportError(undefined);
    setError(e);
  };

  const setViews = (next: SavedView[]) => {
    storeViews(next);
    setViewsState(next);
    setError(undefined);
    setImportError(undefined);
  };

  const save = () => {
    const columns = Object.fromEntries(table.getAllLeafColumns().map((c) => [c.id, c.getIsVisible()]));
    const r = captureView(name, currentTaskUrlState().view, columns, readDensity(), Date.now());
    if (!r.ok) return showError(r.error);
    const existed = views.some((v) => v.name === r.value.name);
    setViews(upsertView(views, r.value));
    setName('');
    void message.success(
      th(existed ? 'savedViews.replaced' : 'savedViews.saved', { name: r.value.name }),
      1.5,
    );
  };

  const apply = (v: SavedView) => {
    navigateTo({ view: viewOf(v) });
    const columns = Object.fromEntries(Object.entries(v.columns).filter(([id]) => id !== 'TaskId'));
    table.setColumnVisibility(columns);
    setDensity(v.density);
    setOpen(false);
    void message.success(th('savedViews.applied', { name: v.name }), 1.5);
  };

  const rename = () => {
    if (!renaming) return;
    const r = renameView(views, renaming.from, renaming.to);
    if (!r.ok) return showError(r.error);
    setViews(r.value);
    setRenaming(undefined);
  };

  const importFile = async (file: File) => {
    const r = parseSavedViewsFile(await file.text(), COLUMN_IDS);
    if (!r.ok) {
      setError(undefined);
      return setImportError({ error: r.error, problems: r.problems });
    }
    setViews(mergeViews(loadViews(), r.value));
    void message.success(thCount('savedViews.imported', r.value.length), 1.5);
  };

  return (
    <>
      <Button
        icon={<BookOutlined />}
        onClick={() => setOpen(true)}
        data-testid="saved-views"
        title={th('savedViews.button')}
      >
        {th('savedViews.button')}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        title={th('savedViews.title')}
        destroyOnHidden
        footer={
          <Space wrap>
            <Button
              onClick={() => download(savedViewsFileText(views), 'saved-views.json')}
              disabled={views.length === 0}
              data-testid="saved-views-export"
            >
              {th('savedViews.export')}
            </Button>
            <Button onClick={() => fileInput.current?.click()} data-testid="saved-views-import">
              {th('savedViews.import')}
            </Button>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              hidden
              aria-label={th('savedViews.import')}
              data-testid="saved-views-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{th('savedViews.intro')}</Typography.Paragraph>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label={th('savedViews.name')}
            placeholder={th('savedViews.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onPressEnter={save}
            data-testid="saved-views-name"
          />
          <Button type="primary" onClick={save} data-testid="saved-views-save">
            {th('savedViews.save')}
          </Button>
        </Space.Compact>
        {error ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={<span className="rtc-break">{error}</span>}
            data-testid="saved-views-error"
          />
        ) : null}
        {importError ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={th('savedViews.importFailed')}
            description={
              <>
                <p className="rtc-break rtc-break-words">{importError.error}</p>
                {importError.problems.length > 0 ? (
                  <ul className="rtc-related" data-testid="saved-views-problems">
                    {importError.problems.map((p, i) => (
                      <li key={i} className="rtc-break rtc-break-words">
                        <VisibleText text={p} />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            }
            data-testid="saved-views-error"
          />
        ) : null}
        <List
          style={{ marginTop: 12 }}
          data-testid="saved-views-list"
          locale={{ emptyText: th('savedViews.empty') }}
          dataSource={views}
          rowKey="name"
          renderItem={(v) => (
            <List.Item
              data-view-name={v.name}
              actions={
                renaming?.from === v.name
                  ? [
                      <Button key="ok" size="small" type="primary" onClick={rename}>
                        {th('savedViews.renameSave')}
                      </Button>,
                    ]
                  : [
                      <Button key="apply" size="small" type="primary" onClick={() => apply(v)}>
                        {th('savedViews.apply')}
                      </Button>,
                      <Button
                        key="rename"
                        size="small"
                        onClick={() => setRenaming({ from: v.name, to: v.name })}
                      >
                        {th('savedViews.rename')}
                      </Button>,
                      <Button
                        key="delete"
                        size="small"
                        danger
                        onClick={() => {
                          setViews(deleteView(views, v.name));
                          void message.success(th('savedViews.deleted', { name: v.name }), 1.5);
                        }}
                      >
                        {th('savedViews.delete')}
                      </Button>,
                    ]
              }
            >
              {renaming?.from === v.name ? (
                <Input
                  size="small"
                  autoFocus
                  aria-label={th('savedViews.renameTo', { name: v.name })}
                  value={renaming.to}
                  onChange={(e) => setRenaming({ from: v.name, to: e.target.value })}
                  onPressEnter={rename}
                />
              ) : (
                <List.Item.Meta
                  title={<VisibleText text={v.name} />}
                  description={<VisibleText text={summary(v)} />}
                />
              )}
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}
