/**
 * The host or cloud instance a task acted on, when its InputParams names one. Keys read,
 * first hit wins (top level of the JSON object only): `hostName`, `instanceName`,
 * `instanceId`, `uuid` is not read (it names the agent, not a host an analyst knows).
 */
import { inputParamsObject } from './input-params';

export const HOST_KEYS = ['hostName', 'instanceName', 'instanceId'] as const;

/** The first non-empty string among HOST_KEYS in InputParams; undefined otherwise. */
export function entityHost(inputParams: string | undefined): string | undefined {
  // Not for huge documents: this runs for every row of the table.
  if (inputParams !== undefined && inputParams.length > 64 * 1024) return undefined;
  const v = inputParamsObject(inputParams);
  if (v === undefined) return undefined;
  for (const key of HOST_KEYS) {
    const s = v[key];
    if (typeof s === 'string' && s.trim() !== '') return s;
  }
  return undefined;
}
