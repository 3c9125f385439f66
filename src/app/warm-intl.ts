/**
 * Builds one of each Intl formatter the first screen uses (numbers and plurals for the
 * total, date-times in the display zone), from the entry chunk, while the app's chunks
 * are still downloading and the main thread waits on the network.
 *
 * Why: the first `Intl.NumberFormat` a page builds loads the engine's ICU data, about
 * 15 ms in headless Chromium on a 2-core machine (later ones, any locale: under 0.2 ms),
 * and the first date-time formatter for a zone about 3 ms more. Left to the first render,
 * that time fell between the list's answer and the painted rows (Chromium's profile:
 * `Intl.NumberFormat` under the toolbar's total, `Intl.DateTimeFormat` under the first
 * time cell). The objects made here are dropped; the engine keeps what they loaded.
 *
 * This module is part of the entry chunk: no imports.
 */

/** Where app/time-zone-setting.ts keeps the chosen zone (JSON: an IANA name or 'local'). */
export const TIME_ZONE_STORAGE_KEY = 'rtc.time-zone.v1';

export function warmIntl(): void {
  try {
    // The zone the analyst chose, else the browser's.
    let timeZone: string | undefined;
    try {
      const stored: unknown = JSON.parse(window.localStorage.getItem(TIME_ZONE_STORAGE_KEY) ?? 'null');
      if (typeof stored === 'string' && stored !== 'local') timeZone = stored;
    } catch {
      // No storage or not JSON: the browser's zone.
    }
    new Intl.NumberFormat('en').format(0);
    new Intl.PluralRules('en').select(0);
    new Intl.DateTimeFormat('en', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(0);
  } catch {
    // An unknown stored zone or an engine without Intl: the app handles both itself.
  }
}
