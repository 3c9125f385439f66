/**
 * The one search box: what was typed, recognised, and the filters it becomes.
 *
 * Kinds, tried in this order (`classifySearch`):
 * - `ip`: a full IPv4 or IPv6 address (ipaddr.js). Exact: EntityName; contains: ParamContent.
 * - `cidr`: an IPv4 CIDR such as `10.1.0.0/16`. The API has no CIDR filter: the keyword
 *   (ParamContent, contains) is the octets the prefix fixes (`10.1.`); a /32 is an `ip`.
 * - `ipPrefix`: the start of an IPv4 address such as `47.170.` or `47.170.64`: contains
 *   (ParamContent); an exact match on a partial IP can only ever find nothing.
 * - `id`: a UUID-shaped value (8-4-4-4-12 letters and digits) or a number of 6 to 20
 *   digits (Alert IDs are numbers). Exact: tried as each of SEARCH_ID_FIELDS in turn, the
 *   box says which matched; contains: ParamContent.
 * - `path`: text with `/` or `\` (a file path). Exact: EntityName; contains: ParamContent.
 * - `process`: one word, optionally with an extension (`xmrig`, `powershell.exe`).
 *   Exact: EntityName; contains: ParamContent.
 * - `keyword`: anything else: ParamContent (contains), always.
 */
import ipaddr from 'ipaddr.js';
import type { TaskFilters } from './task-view';

export type SearchKind = 'ip' | 'cidr' | 'ipPrefix' | 'id' | 'path' | 'process' | 'keyword';
export type SearchMode = 'exact' | 'contains';

export interface ClassifiedSearch {
  kind: SearchKind;
  /** The text as typed, trimmed. */
  text: string;
  /** What a contains search sends as ParamContent (for a CIDR, its fixed octets). */
  keyword: string;
  /** Kinds that can only be searched with contains (partial IPs, CIDRs, free text). */
  containsOnly: boolean;
}

/** The ID fields a UUID is tried as, in this order (the first that matches is shown). */
export const SEARCH_ID_FIELDS = ['TaskId', 'EventUuid', 'EntityUuid', 'ReqUuid', 'AlertId'] as const;
export type SearchIdField = (typeof SEARCH_ID_FIELDS)[number];

/** Every filter the box owns: a new search replaces all of them. */
export const SEARCH_PARAMS = ['EntityName', 'ParamContent', ...SEARCH_ID_FIELDS] as const;
export type SearchParam = (typeof SEARCH_PARAMS)[number];

const UUID_SHAPE = /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/i;
const NUMERIC_ID = /^\d{6,20}$/;
const IPV4_PREFIX = /^\d{1,3}(\.\d{1,3}){0,3}\.?$/;
const IPV4_CIDR = /^(\d{1,3}(\.\d{1,3}){3})\/(\d{1,2})$/;
const PROCESS = /^[\w+-]+(\.[A-Za-z0-9]{1,8})?$/;

function octetsOk(text: string): boolean {
  return text
    .split('.')
    .filter((p) => p !== '')
    .every((p) => Number(p) <= 255);
}

/** What `raw` looks like; undefined for empty or whitespace-only text. */
export function classifySearch(raw: string): ClassifiedSearch | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const of = (kind: SearchKind, keyword = text): ClassifiedSearch => ({
    kind,
    text,
    keyword,
    containsOnly: kind === 'cidr' || kind === 'ipPrefix' || kind === 'keyword',
  });
  if (ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text)))
    return of('ip');
  const cidr = IPV4_CIDR.exec(text);
  if (cidr && ipaddr.isValidCIDR(text)) {
    const bits = Number(cidr[3]);
    const octets = cidr[1]!.split('.');
    if (bits === 32) return of('ip', cidr[1]!);
    const fixed = Math.floor(bits / 8);
    // Fewer than 8 fixed bits leave no text to look for: the first octet is the best hint.
    return of('cidr', `${octets.slice(0, Math.max(1, fixed)).join('.')}.`);
  }
  if (IPV4_PREFIX.test(text) && text.includes('.') && octetsOk(text)) return of('ipPrefix');
  if (UUID_SHAPE.test(text) || NUMERIC_ID.test(text)) return of('id');
  if (/[/\\]/.test(text)) return of('path');
  if (PROCESS.test(text) && !/^\d+$/.test(text)) return of('process');
  return of('keyword');
}

/** Every search-owned filter cleared, then `set`. */
function replaceSearch(set: Partial<Record<SearchParam, string>>): Partial<TaskFilters> {
  const patch: Partial<TaskFilters> = {};
  for (const p of SEARCH_PARAMS) patch[p] = set[p];
  return patch;
}

/** The patch that clears the box. */
export const clearSearchPatch = (): Partial<TaskFilters> => replaceSearch({});

/**
 * The filters a search becomes, for every kind but an exact `id` (which needs the API to
 * say which field it is: `idSearchPatch`).
 */
export function searchPatch(s: ClassifiedSearch, mode: SearchMode): Partial<TaskFilters> {
  if (s.containsOnly || mode === 'contains') return replaceSearch({ ParamContent: s.keyword });
  return replaceSearch({ EntityName: s.keyword });
}

/** The filters of an exact ID search that matched as `field`. */
export function idSearchPatch(field: SearchIdField, value: string): Partial<TaskFilters> {
  return replaceSearch({ [field]: value });
}

/** What the box shows for the current filters: the search-owned filter that is set, if any. */
export function currentSearch(filters: TaskFilters): { param: SearchParam; value: string } | undefined {
  for (const param of SEARCH_PARAMS) {
    const value = filters[param];
    if (value !== undefined) return { param, value };
  }
  return undefined;
}
