/**
 * The service catalogue in use: the bundled copy in `assets/catalogue/`, replaced by a copy
 * synced from the platform when one is installed and valid. A bad file never reaches the
 * screen: its problems are named by item code and field, and the last good copy stays in use.
 */
import createDebug from 'debug';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueSummary, GuideView, ItemSummary, SearchHit } from '../../ipc/contract.js';
import { type Result, err, ok } from '../../../hardware/result.js';
import { writeFileAtomic } from '../config/atomic-file.js';
import type { QueueCategoryDefinition } from '../queue/categories.js';
import { type Catalogue, type CatalogueItem, catalogueSchema } from './catalogue-schema.js';
import { SearchIndex } from './catalogue-search.js';

const debug = createDebug('kiosk:services:catalogue');

export const BUNDLED_CATALOGUE = path.join('catalogue', 'catalogue.json');
/** Where a synced catalogue is kept, below the data folder. */
export const SYNCED_CATALOGUE = path.join('catalogue', 'synced.json');

/** Validates catalogue text; every problem names the item (code and name) and the field. */
export function parseCatalogue(text: string, queueCategoryIds?: ReadonlySet<string>): Result<Catalogue, string[]> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    return err([`not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = catalogueSchema.safeParse(json);
  const problems: string[] = [];
  if (!parsed.success) {
    const items = (json as { items?: unknown }).items;
    for (const issue of parsed.error.issues) {
      const [head, index, ...rest] = issue.path;
      if (head === 'items' && typeof index === 'number' && Array.isArray(items)) {
        const item = items[index] as { code?: unknown; name?: unknown } | undefined;
        const label = `item ${typeof item?.code === 'string' ? item.code : `#${index + 1}`}${typeof item?.name === 'string' ? ` (${item.name})` : ''}`;
        problems.push(`${label} ${rest.join('.') || '(item)'}: ${issue.message}`);
      } else {
        problems.push(`${issue.path.join('.') || '(top level)'}: ${issue.message}`);
      }
    }
    return err(problems);
  }
  if (queueCategoryIds !== undefined) {
    for (const item of parsed.data.items) {
      if (!queueCategoryIds.has(item.queueCategoryId)) problems.push(`item ${item.code} (${item.name}) queueCategoryId: unknown queue category "${item.queueCategoryId}"`);
    }
  }
  return problems.length > 0 ? err(problems) : ok(parsed.data);
}

export interface LoadedCatalogue {
  readonly catalogue: Catalogue;
  readonly source: 'bundled' | 'synced';
  /** Problems of a synced copy that was refused (the bundled one is in use). */
  readonly problems: readonly string[];
}

export function loadCatalogue(assetsDir: string, dataDir: string, queueCategoryIds: ReadonlySet<string>): Result<LoadedCatalogue, string[]> {
  const bundledFile = path.join(assetsDir, BUNDLED_CATALOGUE);
  let bundled: Result<Catalogue, string[]>;
  try {
    bundled = parseCatalogue(readFileSync(bundledFile, 'utf8'), queueCategoryIds);
  } catch (error) {
    bundled = err([`cannot read ${bundledFile}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const syncedFile = path.join(dataDir, SYNCED_CATALOGUE);
  if (existsSync(syncedFile)) {
    const synced = parseCatalogue(readFileSync(syncedFile, 'utf8'), queueCategoryIds);
    if (synced.ok && (!bundled.ok || synced.value.updatedAt >= bundled.value.updatedAt)) {
      return ok({ catalogue: synced.value, source: 'synced', problems: [] });
    }
    if (!synced.ok && bundled.ok) return ok({ catalogue: bundled.value, source: 'bundled', problems: synced.error.map((p) => `synced catalogue: ${p}`) });
  }
  return bundled.ok ? ok({ catalogue: bundled.value, source: 'bundled', problems: [] }) : err(bundled.error.map((p) => `${BUNDLED_CATALOGUE}: ${p}`));
}

/**
 * Installs a catalogue synced from the platform: validated first, written atomically; the
 * running kiosk keeps its copy until restart (a guide on screen must not change under a
 * citizen's finger).
 */
export function installSyncedCatalogue(dataDir: string, text: string, queueCategoryIds: ReadonlySet<string>): Result<{ readonly items: number }, string[]> {
  const parsed = parseCatalogue(text, queueCategoryIds);
  if (!parsed.ok) return parsed;
  mkdirSync(path.join(dataDir, 'catalogue'), { recursive: true });
  writeFileAtomic(path.join(dataDir, SYNCED_CATALOGUE), text);
  return ok({ items: parsed.value.items.length });
}

export class CatalogueService {
  readonly #catalogue: Catalogue;
  readonly #source: 'bundled' | 'synced';
  readonly #byCode: ReadonlyMap<string, CatalogueItem>;
  readonly #departments: ReadonlyMap<string, Catalogue['departments'][number]>;
  readonly #categories: ReadonlyMap<string, QueueCategoryDefinition>;
  readonly #index: SearchIndex<CatalogueItem>;
  /** Popular first, then by name in pinyin order. */
  readonly #ordered: readonly CatalogueItem[];

  constructor(loaded: LoadedCatalogue, categories: readonly QueueCategoryDefinition[]) {
    this.#catalogue = loaded.catalogue;
    this.#source = loaded.source;
    this.#byCode = new Map(loaded.catalogue.items.map((item) => [item.code, item]));
    this.#departments = new Map(loaded.catalogue.departments.map((d) => [d.id, d]));
    this.#categories = new Map(categories.map((c) => [c.id, c]));
    this.#index = new SearchIndex(loaded.catalogue.items.map((item) => ({ value: item, name: item.name, keywords: item.keywords, isPopular: item.isPopular })));
    const collator = new Intl.Collator('zh-CN-u-co-pinyin');
    this.#ordered = [...loaded.catalogue.items].sort((a, b) => Number(b.isPopular) - Number(a.isPopular) || collator.compare(a.name, b.name));
    debug('catalogue %s of %s: %d items', loaded.source, loaded.catalogue.updatedAt, loaded.catalogue.items.length);
  }

  summary(): CatalogueSummary {
    const items = this.#catalogue.items;
    return {
      updatedAt: this.#catalogue.updatedAt,
      source: this.#source,
      itemCount: items.length,
      departments: this.#catalogue.departments.map((d) => ({ ...d, itemCount: items.filter((i) => i.departmentId === d.id).length })),
      lifeEvents: this.#catalogue.lifeEvents.map((e) => ({ ...e, itemCount: items.filter((i) => i.lifeEventIds.includes(e.id)).length })),
    };
  }

  list(filter: { departmentId?: string | undefined; lifeEventId?: string | undefined; audience?: 'personal' | 'legalPerson' | undefined; isPopular?: true | undefined; offset: number; limit: number }): { items: ItemSummary[]; total: number } {
    const matching = this.#ordered.filter(
      (item) =>
        (filter.departmentId === undefined || item.departmentId === filter.departmentId) &&
        (filter.lifeEventId === undefined || item.lifeEventIds.includes(filter.lifeEventId)) &&
        (filter.audience === undefined || item.audience === filter.audience || item.audience === 'both') &&
        (filter.isPopular === undefined || item.isPopular),
    );
    return { items: matching.slice(filter.offset, filter.offset + filter.limit).map((item) => this.#summaryOf(item)), total: matching.length };
  }

  search(query: string, limit: number): { hits: SearchHit[]; total: number } {
    const found = this.#index.search(query, limit);
    return {
      hits: found.hits.map((hit) => ({ ...this.#summaryOf(hit.value), highlights: hit.highlights, matchedKeyword: hit.matchedKeyword })),
      total: found.total,
    };
  }

  candidates(pinyinTyped: string, limit: number): string[] {
    return this.#index.candidates(pinyinTyped, limit);
  }

  item(code: string): CatalogueItem | null {
    return this.#byCode.get(code) ?? null;
  }

  guide(code: string): GuideView | null {
    const item = this.#byCode.get(code);
    if (item === undefined) return null;
    const lifeEvents = new Map(this.#catalogue.lifeEvents.map((e) => [e.id, e.name]));
    return {
      ...this.#summaryOf(item),
      departmentName: this.#departments.get(item.departmentId)?.name ?? '',
      implementingBody: item.implementingBody,
      acceptingWindow: item.acceptingWindow,
      legalBasis: item.legalBasis.map((b) => ({ title: b.title, article: b.article ?? null })),
      conditions: item.conditions,
      process: item.process,
      materials: item.materials.map((m) => ({
        id: m.id,
        name: m.name,
        form: m.form,
        copies: m.copies,
        requirement: m.requirement,
        condition: m.condition ?? null,
        isSharedData: m.isSharedData,
        source: m.source,
        hasSample: m.hasSample,
        sampleDescription: m.sampleDescription ?? null,
        commonMistakes: m.commonMistakes,
      })),
      fees: item.fees,
      statutoryDays: item.timeLimits.statutoryDays,
      specialSteps: item.specialSteps,
      place: item.place,
      hours: item.hours,
      phone: item.phone,
      onlineUrl: item.onlineUrl,
      queueCategoryId: item.queueCategoryId,
      queueCategoryName: this.#categories.get(item.queueCategoryId)?.name ?? '',
      lifeEvents: item.lifeEventIds.map((id) => lifeEvents.get(id) ?? id),
      keywords: item.keywords,
    };
  }

  #summaryOf(item: CatalogueItem): ItemSummary {
    return {
      code: item.code,
      name: item.name,
      departmentShortName: this.#departments.get(item.departmentId)?.shortName ?? '',
      type: item.type,
      audience: item.audience,
      isKioskApplicable: item.isKioskApplicable,
      isPopular: item.isPopular,
      isCommitment: item.isCommitment,
      promisedDays: item.timeLimits.promisedDays,
    };
  }
}
