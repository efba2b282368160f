import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, RESOURCES, createI18n } from '../../renderer/i18n';
import { formatClock, formatDate, formatIssuedAt } from '../../renderer/i18n/format';

const RENDERER = resolve(import.meta.dirname, '../../renderer');

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/u.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('copy', () => {
  const zh = flatten(RESOURCES['zh-CN'].translation);

  it('has every key in every language, none empty', () => {
    for (const language of LANGUAGES) {
      const messages = flatten(RESOURCES[language].translation);
      expect([...messages.keys()].sort()).toEqual([...zh.keys()].sort());
      for (const [key, text] of messages) expect(text.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('uses the same placeholders in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/gu)].map((m) => m[1]).sort();
    const en = flatten(RESOURCES.en.translation);
    for (const [key, text] of zh) expect(placeholders(en.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('has a translation for every key the screens use', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(RENDERER)) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z.]+)'/gu)) used.add(match[1] ?? '');
      for (const match of source.matchAll(/'(voice\.[a-zA-Z]+)'/gu)) used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(30);
    for (const key of used) expect(zh.has(key), key).toBe(true);
  });

  it('puts no Chinese text in components outside the copy (everything goes through keys)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(RENDERER, 'screens')).concat(sourceFiles(join(RENDERER, 'components')))) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//gu, '')
        .replace(/\/\/.*$/gmu, '');
      if (/[\u4e00-\u9fff]/u.test(code)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('initialises synchronously with Chinese first', () => {
    const i18n = createI18n();
    expect(i18n.language).toBe('zh-CN');
    expect(i18n.t('ticket.waitingAhead', { count: 3 })).toBe('您前面还有 3 人等候');
    expect(createI18n('en').t('app.goHome')).toBe('Home');
  });
});

describe('formats', () => {
  it('shows the issue time as the hall wrote it, whatever this machine’s zone', () => {
    expect(formatIssuedAt('2025-11-24T09:05:31+08:00', 'zh-CN')).toBe('2025年11月24日 09:05');
    expect(formatIssuedAt('2025-11-24T09:05:31+08:00', 'en')).toBe('2025-11-24 09:05');
    expect(formatIssuedAt('garbage', 'zh-CN')).toBe('garbage');
  });

  it('formats the header clock and date', () => {
    const date = new Date(2025, 10, 24, 9, 5);
    expect(formatClock(date, 'zh-CN')).toBe('09:05');
    expect(formatDate(date, 'zh-CN')).toBe('2025年11月24日 星期一');
    expect(formatDate(date, 'en')).toBe('Monday, November 24, 2025');
  });
});
