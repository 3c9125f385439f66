/**
 * Vite build plugin: compiles the ICU message catalogs to FormatJS syntax trees at build
 * time and leaves the ICU parser (@formatjs/icu-messageformat-parser, ~8 KB gzip) out of
 * the bundle, the way FormatJS recommends for production ("pre-compiling messages",
 * formatjs.github.io/docs/guides/advanced-usage). Only the first screen's budget is why:
 * tests and `vite dev` keep parsing strings at runtime.
 *
 * A catalog is a `const` whose name ends in `messagesEn` / `messagesZh` (e.g. `messagesEn`,
 * `exportMessagesZh`) initialised with an object literal (optionally `as const` or
 * `satisfies …`). Every property value must be a string literal; anything else, or a
 * message that does not parse, fails the build naming the file and key.
 */
import { parse } from '@formatjs/icu-messageformat-parser';
import { createRequire } from 'node:module';
import { parseAst, type Plugin } from 'vite';

const CATALOG_NAME = /[mM]essages(En|Zh)$/;

interface Node {
  type: string;
  start: number;
  end: number;
  [k: string]: unknown;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';
}

/** The object literal under `x as const` / `x satisfies T` / `(x)`. */
function unwrap(n: Node): Node {
  while (
    n.type === 'TSAsExpression' ||
    n.type === 'TSSatisfiesExpression' ||
    n.type === 'ParenthesizedExpression'
  )
    n = n.expression as Node;
  return n;
}

/** Replacement edits (start, end, text) for every catalog in a module's source. */
export function catalogEdits(code: string, file: string): { start: number; end: number; text: string }[] {
  const edits: { start: number; end: number; text: string }[] = [];
  const program = parseAst(code, { lang: file.endsWith('x') ? 'tsx' : 'ts' }) as unknown as Node;
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!isNode(n)) return;
    if (n.type === 'VariableDeclarator' && isNode(n.id) && n.id.type === 'Identifier' && isNode(n.init)) {
      const name = n.id.name as string;
      const init = unwrap(n.init);
      if (CATALOG_NAME.test(name) && init.type === 'ObjectExpression') {
        for (const p of init.properties as Node[]) {
          const key = isNode(p.key) ? String(p.key.value ?? p.key.name) : '?';
          const value = p.value as Node;
          if (p.type !== 'Property' || value.type !== 'Literal' || typeof value.value !== 'string')
            throw new Error(`${file}: ${name}.${key} must be a string literal to be compiled`);
          let ast;
          try {
            ast = parse(value.value, { ignoreTag: true });
          } catch (error) {
            throw new Error(`${file}: ${name}.${key} is not a valid ICU message: ${String(error)}`, {
              cause: error,
            });
          }
          edits.push({ start: value.start, end: value.end, text: JSON.stringify(ast) });
        }
        return;
      }
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'parent' && typeof v === 'object') visit(v);
  };
  visit(program);
  return edits;
}

export function precompileIcuMessages(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'rtc:precompile-icu',
    apply: 'build',
    enforce: 'pre',
    config: () => ({
      resolve: {
        alias: [
          {
            find: /^@formatjs\/icu-messageformat-parser$/,
            replacement: require
              .resolve('@formatjs/icu-messageformat-parser')
              .replace(/index\.js$/, 'no-parser.js'),
          },
        ],
      },
    }),
    transform(code, id) {
      if (!/\/src\/.*\.tsx?$/.test(id) || !/[mM]essages(En|Zh)\s*=/.test(code)) return null;
      const edits = catalogEdits(code, id);
      if (edits.length === 0) return null;
      let out = code;
      for (const e of edits.sort((a, b) => b.start - a.start))
        out = out.slice(0, e.start) + e.text + out.slice(e.end);
      return { code: out, map: null };
    },
  };
}
