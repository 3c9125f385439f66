/**
 * Light or dark: follows the system (`prefers-color-scheme`) unless the analyst picks
 * light or dark in the header; the choice is remembered (localStorage). AppProviders reads
 * the resolved theme and gives antd its dark or default algorithm.
 */
import { readJson, writeJson } from '../lib/local-storage';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type ResolvedTheme = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'rtc.theme.v1';

const isChoice = (v: unknown): v is ThemeChoice => THEME_CHOICES.includes(v as ThemeChoice);
const DARK_QUERY = '(prefers-color-scheme: dark)';

let choice: ThemeChoice = 'system';
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function systemTheme(): ResolvedTheme {
  return typeof window !== 'undefined' && window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}

export function getThemeChoice(): ThemeChoice {
  return choice;
}
/** The theme shown: the choice, or the system's for 'system'. */
export function getResolvedTheme(): ResolvedTheme {
  return choice === 'system' ? systemTheme() : choice;
}
/** Called on a change of the choice or of the system's preference. */
export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener);
  const media = typeof window !== 'undefined' ? window.matchMedia?.(DARK_QUERY) : undefined;
  media?.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    media?.removeEventListener('change', listener);
  };
}

/** Applies the remembered choice (before the first render). */
export function restoreThemeSetting(): void {
  choice = readJson(THEME_STORAGE_KEY, isChoice) ?? 'system';
}

/** Sets the theme choice and remembers it. */
export function chooseTheme(next: ThemeChoice): void {
  choice = next;
  writeJson(THEME_STORAGE_KEY, next);
  notify();
}
