import { useQuery } from '@tanstack/react-query';
import { AutoComplete } from 'antd';
import { useState } from 'react';
import { t } from '../../../lib/i18n';
import { revealInvisible } from '../../../lib/invisible-chars';
import { sceneCodesQueryOptions } from '../api/get-scene-codes';

/** Scene code: pick one the API lists (DescribeEnumItems) or type any code. */
export function SceneCodeInput({
  id,
  value,
  onCommit,
}: {
  id: string;
  value: string | undefined;
  onCommit: (v: string | undefined) => void;
}) {
  const scenes = useQuery(sceneCodesQueryOptions());
  const [draft, setDraft] = useState(value ?? '');
  const [committed, setCommitted] = useState(value);
  if (committed !== value) {
    setCommitted(value);
    setDraft(value ?? '');
  }
  const commit = (raw: string) => {
    const next = raw.trim() === '' ? undefined : raw.trim();
    if (next !== value) onCommit(next);
  };
  const needle = draft.toLowerCase();
  const options = (scenes.data?.Data ?? [])
    .filter((d): d is { Key: string; Value?: string } => typeof d.Key === 'string')
    .filter(
      (d) =>
        !needle ||
        (d.Key ?? '').toLowerCase().includes(needle) ||
        (d.Value ?? '').toLowerCase().includes(needle),
    )
    .slice(0, 50)
    .map((d) => ({ value: d.Key, label: revealInvisible(`${d.Value ?? d.Key} (${d.Key})`) }));

  return (
    <AutoComplete
      id={id}
      value={draft}
      options={options}
      allowClear
      placeholder={t('filters.sceneFromApi')}
      popupMatchSelectWidth={false}
      onChange={(v: string | undefined) => {
        setDraft(v ?? '');
        if (!v) commit('');
      }}
      onSelect={(v: string | undefined) => {
        setDraft(v ?? '');
        commit(v ?? '');
      }}
      onBlur={() => commit(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(draft);
      }}
    />
  );
}
