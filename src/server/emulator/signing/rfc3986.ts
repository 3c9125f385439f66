/**
 * Percent-encoding as Alibaba's signatures define it (RFC 3986): only the unreserved
 * characters A-Z a-z 0-9 - _ . ~ stay as they are. encodeURIComponent leaves !'()* raw,
 * so those are encoded on top; a space becomes %20, never '+'.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** A parameter as it arrives: names may repeat, so a list of pairs rather than a map. */
export type ParamPair = readonly [name: string, value: string];

/**
 * Encodes names and values, sorts by encoded name (then value, so a repeated name has a
 * stable order) and joins `name=value` with `&`. An empty value gives `name=`.
 */
export function canonicalizeParams(params: readonly ParamPair[]): string {
  return params
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}
