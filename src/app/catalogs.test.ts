/**
 * Every catalog against its English reference: same keys, same ICU arguments (names and
 * kinds), and plural messages with every plural category the locale's rules use
 * (Intl.PluralRules: en one/other, zh other). A key added in English without its Chinese
 * text fails here, naming the key.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { exportMessagesEn } from '../features/export/i18n';
import { exportMessagesZh } from '../features/export/messages-zh';
import { habitsMessagesEn } from '../features/process-tasks/habits-i18n';
import { habitsMessagesZh } from '../features/process-tasks/habits-messages-zh';
import { filterMessagesEn } from '../features/process-tasks/filter-i18n';
import { filterMessagesZh } from '../features/process-tasks/filter-messages-zh';
import { messagesEn } from '../lib/messages-en';
import { messagesZh } from '../lib/messages-zh';

/** `name:kind` of every argument, and `name:plural[categories]` of plurals (nested too). */
function shape(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument) out.add(`${el.value}:argument`);
    else if (el.type === TYPE.number) out.add(`${el.value}:number`);
    else if (el.type === TYPE.date || el.type === TYPE.time) out.add(`${el.value}:date`);
    else if (el.type === TYPE.plural) {
      out.add(`${el.value}:plural`);
      for (const option of Object.values(el.options)) shape(option.value, out);
    } else if (el.type === TYPE.select) {
      out.add(`${el.value}:select[${Object.keys(el.options).sort().join(',')}]`);
      for (const option of Object.values(el.options)) shape(option.value, out);
    } else if (el.type === TYPE.tag) shape(el.children, out);
  }
  return out;
}

/** Plural categories each plural argument must cover in `locale`, minus those it has. */
function missingPluralForms(elements: MessageFormatElement[], locale: string): string[] {
  const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const missing: string[] = [];
  for (const el of elements) {
    if (el.type === TYPE.plural) {
      for (const c of needed) if (!(c in el.options)) missing.push(`${el.value}:${c}`);
      for (const option of Object.values(el.options))
        missing.push(...missingPluralForms(option.value, locale));
    }
  }
  return missing;
}

const CATALOGS: [string, Record<string, string>, Record<string, string>][] = [
  ['lib/messages', messagesEn, messagesZh],
  ['export', exportMessagesEn, exportMessagesZh],
  ['process-tasks/habits', habitsMessagesEn, habitsMessagesZh],
  ['process-tasks/filters', filterMessagesEn, filterMessagesZh],
];

describe.each(CATALOGS)('catalog %s', (_name, en, zh) => {
  it('has the same keys in Chinese as in English', () => {
    const enKeys = Object.keys(en).sort();
    const zhKeys = Object.keys(zh).sort();
    expect({
      missingInZh: enKeys.filter((k) => !(k in zh)),
      extraInZh: zhKeys.filter((k) => !(k in en)),
    }).toEqual({
      missingInZh: [],
      extraInZh: [],
    });
  });

  it('parses every message and gives each the same arguments in both languages', () => {
    const mismatches: string[] = [];
    for (const key of Object.keys(en)) {
      if (!(key in zh)) continue;
      const a = [...shape(parse(en[key]!, { ignoreTag: true }))].sort().join(' ');
      const b = [...shape(parse(zh[key]!, { ignoreTag: true }))].sort().join(' ');
      if (a !== b) mismatches.push(`${key}: en {${a}} zh {${b}}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives every plural the forms each locale needs', () => {
    const missing: string[] = [];
    for (const [locale, catalog] of [
      ['en', en],
      ['zh-CN', zh],
    ] as const) {
      for (const [key, message] of Object.entries(catalog)) {
        for (const m of missingPluralForms(parse(message, { ignoreTag: true }), locale))
          missing.push(`${locale} ${key} ${m}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the old `_one`/`_other` pairs out (plurals are ICU messages)', () => {
    expect(Object.keys(en).filter((k) => /_(one|other)$/.test(k))).toEqual([]);
  });
});

describe('the check itself', () => {
  it('sees a renamed argument and a missing plural form', () => {
    expect([...shape(parse('{count} of {total}'))].sort()).toEqual(['count:argument', 'total:argument']);
    expect(missingPluralForms(parse('{n, plural, other {# x}}'), 'en')).toEqual(['n:one']);
    expect(missingPluralForms(parse('{n, plural, other {# 个}}'), 'zh-CN')).toEqual([]);
  });
});
