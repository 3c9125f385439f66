import { describe, expect, it } from 'vitest';
import { codePointLabel, hasInvisible, revealInvisible, splitInvisible } from './invisible-chars';

describe('revealInvisible: every invisible or direction-control character becomes a token', () => {
  it.each([
    // Bidi controls
    ['U+061C', 'bidi'],
    ['U+200E', 'bidi'],
    ['U+200F', 'bidi'],
    ['U+202A', 'bidi'],
    ['U+202B', 'bidi'],
    ['U+202C', 'bidi'],
    ['U+202D', 'bidi'],
    ['U+202E', 'bidi'],
    ['U+2066', 'bidi'],
    ['U+2067', 'bidi'],
    ['U+2068', 'bidi'],
    ['U+2069', 'bidi'],
    // Zero-width
    ['U+200B', 'zero-width'],
    ['U+200C', 'zero-width'],
    ['U+200D', 'zero-width'],
    ['U+2060', 'zero-width'],
    ['U+FEFF', 'zero-width'],
    // Other format characters (Cf)
    ['U+00AD', 'format'],
    ['U+0600', 'format'],
    ['U+180E', 'variation'],
    ['U+2061', 'format'],
    ['U+206A', 'format'],
    ['U+FFF9', 'format'],
    ['U+E0001', 'format'],
    ['U+E0041', 'format'],
    ['U+E007F', 'format'],
    // Controls other than tab, LF, CR
    ['U+0000', 'control'],
    ['U+001B', 'control'],
    ['U+007F', 'control'],
    ['U+0085', 'control'],
    ['U+009B', 'control'],
    // Blank letters, separators, an unassigned tag
    ['U+034F', 'blank'],
    ['U+115F', 'blank'],
    ['U+3164', 'blank'],
    ['U+FFA0', 'blank'],
    ['U+2028', 'blank'],
    ['U+2029', 'blank'],
    ['U+E0000', 'blank'],
    // Variation selectors that can hide bytes
    ['U+FE00', 'variation'],
    ['U+FE0D', 'variation'],
    ['U+E0100', 'variation'],
    ['U+E01EF', 'variation'],
  ] as const)('%s (%s)', (code, category) => {
    const char = String.fromCodePoint(parseInt(code.slice(2), 16));
    const text = `a${char}b`;
    expect(codePointLabel(char)).toBe(code);
    expect(revealInvisible(text)).toBe(`a⟨${code}⟩b`);
    expect(hasInvisible(text)).toBe(true);
    const parts = splitInvisible(text);
    expect(parts).toHaveLength(3);
    expect(parts[1]).toMatchObject({ kind: 'invisible', char, code, category });
  });

  it('the disguised file name of the hostile task reads as it is', () => {
    expect(revealInvisible('invoice\u202Egpj.exe')).toBe('invoice⟨U+202E⟩gpj.exe');
    expect(splitInvisible('invoice\u202Egpj.exe')[1]).toMatchObject({ name: 'RIGHT-TO-LEFT OVERRIDE' });
  });

  it.each([
    ['plain ASCII', 'invoice.jpg'],
    ['Chinese', '/root/恶意软件/挖矿程序.sh'],
    ['Arabic and Hebrew', 'حظر عنوان IP שלום'],
    ['emoji', '🔥💣 miner 🚀'],
    ['emoji with VS16', '❤️ ☺︎'],
    ['ZWJ emoji sequences', '👩\u200D💻 and ❤\uFE0F\u200D🔥 and 🧑🏽\u200D🚀'],
    ['empty', ''],
  ])('leaves %s alone', (_, text) => {
    expect(revealInvisible(text)).toBe(text);
    expect(hasInvisible(text)).toBe(false);
  });

  it.each([
    // [raw, single-line (the default), multi-line]
    ['\t=1+1', '⟨TAB⟩=1+1', '\t=1+1'],
    ['\r=1+1', '⟨CR⟩=1+1', '⟨CR⟩=1+1'],
    ['\n=1+1', '⟨LF⟩=1+1', '\n=1+1'],
    ['a\tb\nc\r\nd', 'a⟨TAB⟩b⟨LF⟩c⟨CR⟩⟨LF⟩d', 'a\tb\nc\r\nd'],
    ['req-g\n', 'req-g⟨LF⟩', 'req-g\n'],
    ['a\rb\r', 'a⟨CR⟩b⟨CR⟩', 'a⟨CR⟩b⟨CR⟩'],
    ['x\u000by\u000cz', 'x⟨U+000B⟩y⟨U+000C⟩z', 'x⟨U+000B⟩y⟨U+000C⟩z'],
    ['\u001b[31mred', '⟨U+001B⟩[31mred', '⟨U+001B⟩[31mred'],
    ['\u0000\u007f\u0085\u009b', '⟨U+0000⟩⟨U+007F⟩⟨U+0085⟩⟨U+009B⟩', '⟨U+0000⟩⟨U+007F⟩⟨U+0085⟩⟨U+009B⟩'],
  ])('controls in %j: single-line %j, multi-line %j', (raw, single, multi) => {
    expect(revealInvisible(raw)).toBe(single);
    expect(hasInvisible(raw)).toBe(true);
    expect(revealInvisible(raw, { multiline: true })).toBe(multi);
    expect(hasInvisible(raw, { multiline: true })).toBe(multi !== raw);
    for (const multiline of [false, true]) {
      const parts = splitInvisible(raw, { multiline });
      expect(parts.map((p) => (p.kind === 'text' ? p.text : p.char)).join('')).toBe(raw);
    }
  });

  it('names the common controls for screen readers and tooltips', () => {
    expect(splitInvisible('\t')[0]).toMatchObject({ code: 'U+0009', name: 'CHARACTER TABULATION' });
    expect(splitInvisible('\n')[0]).toMatchObject({ code: 'U+000A', name: 'LINE FEED' });
    expect(splitInvisible('\r')[0]).toMatchObject({ code: 'U+000D', name: 'CARRIAGE RETURN' });
  });

  it('a ZWJ that does not join two pictographs is revealed', () => {
    expect(revealInvisible('ad\u200Dmin')).toBe('ad⟨U+200D⟩min');
    expect(revealInvisible('👩\u200D')).toBe('👩⟨U+200D⟩');
    expect(revealInvisible('\u200D💻')).toBe('⟨U+200D⟩💻');
  });

  it('joining the parts gives the raw value back exactly', () => {
    const raw = '\u202Ex\u200B\u200By\u{E0041}\u2066z\u2069\uFEFF';
    const parts = splitInvisible(raw);
    expect(parts.map((p) => (p.kind === 'text' ? p.text : p.char)).join('')).toBe(raw);
    expect(revealInvisible(raw)).toBe('⟨U+202E⟩x⟨U+200B⟩⟨U+200B⟩y⟨U+E0041⟩⟨U+2066⟩z⟨U+2069⟩⟨U+FEFF⟩');
  });
});
