/**
 * Search time per keystroke over the bundled catalogue scaled to 2000 items (issue #4: goal
 * ≤ 2 ms). Each query is typed one character at a time and every prefix is searched, as the
 * guide screen does while a citizen types.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Catalogue } from '../../electron/services/catalogue/catalogue-schema.js';
import { SearchIndex } from '../../electron/services/catalogue/catalogue-search.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const QUERIES = ['budongchan', 'bdc', 'shenfenzheng', 'sfz', '社保卡', 'yibao', '不dongchan', 'gongjijin tiqu', 'yingyezhizhao', 'xyzq'];
export const SCALED_ITEMS = 2000;

export function measureSearchPerKeystroke(): { meanMs: number; p95Ms: number; items: number } {
  const catalogue = JSON.parse(readFileSync(path.join(ROOT, 'assets/catalogue/catalogue.json'), 'utf8')) as Catalogue;
  const base = catalogue.items;
  const items = Array.from({ length: SCALED_ITEMS }, (_, i) => {
    const item = base[i % base.length];
    if (item === undefined) throw new Error('empty catalogue');
    // Vary names so copies are not identical strings (realistic distinct entries).
    const suffix = i < base.length ? '' : `（${['市级', '县级', '乡镇', '开发区'][i % 4] ?? ''}${Math.floor(i / base.length)}）`;
    return { value: i, name: `${item.name}${suffix}`, keywords: item.keywords, isPopular: item.isPopular };
  });
  const index = new SearchIndex(items);
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const query of QUERIES) {
      const chars = [...query];
      for (let n = 1; n <= chars.length; n++) {
        const started = performance.now();
        index.search(chars.slice(0, n).join(''), 30);
        if (round > 0) times.push(performance.now() - started); // round 0 warms up the JIT
      }
    }
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  return { meanMs: mean, p95Ms: times[Math.floor(times.length * 0.95)] ?? Number.NaN, items: index.size };
}
