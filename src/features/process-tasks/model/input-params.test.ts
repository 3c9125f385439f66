import { describe, expect, it } from 'vitest';
import { parseInputParams } from './input-params';

describe('parseInputParams', () => {
  it.each([
    [undefined, 'empty'],
    ['', 'empty'],
    ['  \n', 'empty'],
    ['{"ip":"1.2.3.4"}', 'json'],
    ['[1,2]', 'json'],
    ['42', 'json'],
    ["{ip: 203.0.113.12, 'broken': [ not json", 'text'],
    ['<script>alert(1)</script>', 'text'],
  ])('%j → %s', (raw, kind) => {
    expect(parseInputParams(raw).kind).toBe(kind);
  });

  it('keeps the raw string exactly', () => {
    const raw = '{"a": "<b>x</b>",\n "b": [1]}';
    expect(parseInputParams(raw)).toEqual({ kind: 'json', raw, value: { a: '<b>x</b>', b: [1] } });
  });
});
