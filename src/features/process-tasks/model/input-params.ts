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
