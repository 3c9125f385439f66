/**
 * Formula-injection neutralisation for CSV cells (OWASP "CSV Injection").
 *
 * Rule: a cell whose first character is one of  =  +  -  @  TAB (U+0009)  CR (U+000D)
 * is prefixed with a single quote `'`, so spreadsheets show it as text instead of
 * evaluating it. Following OWASP, this applies to EVERY cell, numbers included: a
 * negative number such as `-5` is written `'-5` (none of our numeric columns can be
 * negative in valid data, so only hostile/broken values are affected).
 *
 * To keep the rule reversible, a cell that already starts with the prefix `'` is
 * prefixed too (`'abc` → `''abc`). Hence: a written cell starts with `'` exactly when
 * it was neutralised, and `stripNeutralisation` gives back the original value for every
 * string (a bijection), which the round-trip tests rely on.
 */
export const NEUTRALISATION_PREFIX = "'";

/** First characters that make a spreadsheet treat a cell as a formula (OWASP list). */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;

const NEEDS_PREFIX = new Set<string>([...FORMULA_TRIGGERS, NEUTRALISATION_PREFIX]);

export function neutraliseCell(value: string): string {
  return value.length > 0 && NEEDS_PREFIX.has(value[0]!) ? NEUTRALISATION_PREFIX + value : value;
}

/** Inverse of `neutraliseCell`: removes the prefix it added, and nothing else. */
export function stripNeutralisation(cell: string): string {
  return cell.length > 1 && cell[0] === NEUTRALISATION_PREFIX && NEEDS_PREFIX.has(cell[1]!)
    ? cell.slice(1)
    : cell;
}

/**
 * A long number kept as text in a spreadsheet: `="1234567890123456789"`. Excel and
 * LibreOffice read a bare number of more than 15 significant digits as a float and lose the
 * rest (`1.23456789012346E+18`); this formula evaluates to the digits as text, every one kept
 * (LibreOffice Calc verified: see spreadsheet.ts). It is a formula of our own making: only
 * for a value of digits alone (throws otherwise), so no data can reach the formula text.
 */
export function textNumberCell(digits: string): string {
  if (!/^\d+$/.test(digits))
    throw new RangeError(`textNumberCell takes digits only, not ${JSON.stringify(digits)}`);
  return `="${digits}"`;
}
