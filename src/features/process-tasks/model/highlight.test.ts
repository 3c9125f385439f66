import { describe, expect, it } from 'vitest';
import { snippetAround, splitMatches } from './highlight';

describe('splitMatches', () => {
  it('marks every case-insensitive occurrence', () => {
    expect(splitMatches('WAF: block attacking IP', 'ip')).toEqual([
      { text: 'WAF: block attacking ', match: false },
      { text: 'IP', match: true },
    ]);
    expect(splitMatches('aXa', 'a')).toEqual([
      { text: 'a', match: true },
      { text: 'X', match: false },
      { text: 'a', match: true },
    ]);
  });
  it('no keyword or no match: one plain part', () => {
    expect(splitMatches('abc', undefined)).toEqual([{ text: 'abc', match: false }]);
    expect(splitMatches('abc', 'z')).toEqual([{ text: 'abc', match: false }]);
  });
});

describe('snippetAround', () => {
  it('cuts around the first match with ellipses', () => {
    const raw = `{"ip":"1.2.3.4","instanceId":"cfw_elasticity_public_intl-abc","direction":"in"}`;
    expect(snippetAround(raw, 'ELASTICITY', 5)).toBe('…"cfw_elasticity_publ…');
    expect(snippetAround(raw, 'nothing')).toBeUndefined();
    expect(snippetAround('abc', 'a', 5)).toBe('abc');
  });
});
