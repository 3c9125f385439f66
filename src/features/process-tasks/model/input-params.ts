/** InputParams is a JSON document in a string, or empty, or not JSON at all. */
export type ParsedInputParams =
  { kind: 'empty' } | { kind: 'text'; raw: string } | { kind: 'json'; raw: string; value: unknown };

export function parseInputParams(raw: string | undefined): ParsedInputParams {
  if (raw === undefined || raw.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', raw, value: JSON.parse(raw) as unknown };
  } catch {
    return { kind: 'text', raw };
  }
}

/** "211 B", "200.3 KB" (of characters, close enough to bytes for a label). */
export function formatSize(chars: number): string {
  return chars >= 1024 ? `${(chars / 1024).toFixed(1)} KB` : `${chars} B`;
}
