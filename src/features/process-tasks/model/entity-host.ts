/**
 * The host or cloud instance a task acted on, when its InputParams names one. Keys read,
 * first hit wins (top level of the JSON object only): `hostName`, `instanceName`,
 * `instanceId`, `uuid` is not read (it names the agent, not a host an analyst knows).
 */
export const HOST_KEYS = ['hostName', 'instanceName', 'instanceId'] as const;

/** The first non-empty string among HOST_KEYS in InputParams; undefined otherwise. */
export function entityHost(inputParams: string | undefined): string | undefined {
  if (!inputParams || inputParams.trim() === '' || inputParams.length > 64 * 1024) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(inputParams);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  for (const key of HOST_KEYS) {
    const s = (v as Record<string, unknown>)[key];
    if (typeof s === 'string' && s.trim() !== '') return s;
  }
  return undefined;
}
