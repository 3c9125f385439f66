import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMULA_TRIGGERS, neutraliseCell, NEUTRALISATION_PREFIX, stripNeutralisation } from './neutralise';

describe('neutraliseCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['-5.25', "'-5.25"], // OWASP: neutralise any leading '-', negative numbers included
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tcmd', "'\tcmd"],
    ['\r=cmd', "'\r=cmd"],
    ['=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
    ["'already quoted", "''already quoted"], // the prefix itself: keeps the rule reversible
    ["'", "''"],
  ])('prefixes %j', (input, out) => {
    expect(neutraliseCell(input)).toBe(out);
    expect(stripNeutralisation(out)).toBe(input);
  });

  it.each([
    ['', ''],
    ['abc', 'abc'],
    ['1700000000000', '1700000000000'],
    [' =1+1', ' =1+1'], // not first: spreadsheets read a leading space as text
    ['a=b', 'a=b'],
    ['中文', '中文'],
    ['\n=1', '\n=1'], // LF is not in OWASP's list
  ])('leaves %j alone', (input, out) => {
    expect(neutraliseCell(input)).toBe(out);
    expect(stripNeutralisation(out)).toBe(input);
  });

  it('covers every trigger character of the OWASP list', () => {
    expect([...FORMULA_TRIGGERS].sort()).toEqual(['\t', '\r', '+', '-', '=', '@'].sort());
    for (const c of FORMULA_TRIGGERS) {
      expect(neutraliseCell(c + 'x')).toBe(NEUTRALISATION_PREFIX + c + 'x');
    }
  });

  it('never outputs a cell starting with a trigger, and strip inverts it exactly', () => {
    const alphabet = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      "'",
      '"',
      ',',
      'a',
      '1',
      ' ',
      '中',
    );
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 8 }), (s) => {
        const out = neutraliseCell(s);
        expect((FORMULA_TRIGGERS as readonly string[]).includes(out[0] ?? '')).toBe(false);
        expect(stripNeutralisation(out)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});
