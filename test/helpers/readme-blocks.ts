/**
 * Test helper: the code blocks of README.md that tests run or parse, each marked by an
 * HTML comment `<!-- readme-test: <name> -->` right before its fence.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const README_PATH = fileURLToPath(new URL('../../README.md', import.meta.url));

/** The text inside the first fenced block after the marker; throws when there is none. */
export function readmeBlock(name: string): string {
  const text = readFileSync(README_PATH, 'utf8');
  const marker = `<!-- readme-test: ${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no block marked ${marker}`);
  const m = /```[a-z]*\n([\s\S]*?)\n```/.exec(text.slice(at + marker.length));
  if (!m) throw new Error(`README.md has no code block after ${marker}`);
  return m[1]!;
}

/** The fenced block that follows `after` (a unique piece of README text). */
export function readmeBlockAfter(after: string): string {
  const text = readFileSync(README_PATH, 'utf8');
  const at = text.indexOf(after);
  if (at < 0) throw new Error(`README.md does not contain ${JSON.stringify(after)}`);
  const m = /```[a-z]*\n([\s\S]*?)\n```/.exec(text.slice(at + after.length));
  if (!m) throw new Error(`README.md has no code block after ${JSON.stringify(after)}`);
  return m[1]!;
}
