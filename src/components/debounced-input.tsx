import { Input } from 'antd';
import { useEffect, useRef, useState } from 'react';

interface Props {
  id: string;
  /** The committed value (from the URL). */
  value: string | undefined;
  onCommit: (value: string | undefined) => void;
  placeholder?: string;
  delayMs?: number;
  'aria-describedby'?: string;
}

/**
 * A text input that commits after a pause in typing or at once on Enter, so typing
 * doesn't fire a request per keystroke. Follows the committed value when it changes
 * from outside (back/forward, clear-all).
 */
export function DebouncedInput({ id, value, onCommit, placeholder, delayMs = 600, ...aria }: Props) {
  const [draft, setDraft] = useState(value ?? '');
  const [committed, setCommitted] = useState(value);
  const timer = useRef<number | undefined>(undefined);
  if (committed !== value) {
    setCommitted(value);
    setDraft(value ?? '');
  }

  // A pending commit must use the latest props, not those of the keystroke that set it.
  const latest = useRef({ value, onCommit });
  useEffect(() => {
    latest.current = { value, onCommit };
  }, [value, onCommit]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const commit = (raw: string) => {
    window.clearTimeout(timer.current);
    const next = raw.trim() === '' ? undefined : raw.trim();
    if (next !== latest.current.value) latest.current.onCommit(next);
  };

  return (
    <Input
      id={id}
      value={draft}
      allowClear
      placeholder={placeholder}
      aria-describedby={aria['aria-describedby']}
      onChange={(e) => {
        const v = e.target.value;
        setDraft(v);
        window.clearTimeout(timer.current);
        // antd's clear button fires a change with '': apply it at once.
        if (v === '') commit(v);
        else timer.current = window.setTimeout(() => commit(v), delayMs);
      }}
      onPressEnter={() => commit(draft)}
      onBlur={() => commit(draft)}
    />
  );
}
