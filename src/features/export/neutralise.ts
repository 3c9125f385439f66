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
