import { describe, expect, it } from 'vitest';
import { formatTextSize, parseInputParams, utf8ByteLength } from './input-params';

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

describe('the size of a text is its UTF-8 bytes, not its characters', () => {
  it.each([
    ['', 0, '0 B'],
    ['{"ip":"203.0.113.10"}', 21, '21 B'],
    // The hostile Chinese task's InputParams: 45 characters, 73 bytes (each Han character is 3 bytes).
    ['{"filePath":"/root/恶意软件/挖矿程序.sh","备注":"自动隔离"}', 73, '73 B'],
    ['é', 2, '2 B'],
    ['😀', 4, '4 B'],
    ['中'.repeat(400), 1200, '1.2 KB'],
  ])('%j → %d bytes, %s', (text, bytes, label) => {
    expect(utf8ByteLength(text)).toBe(bytes);
    expect(formatTextSize(text)).toBe(label);
  });
});
