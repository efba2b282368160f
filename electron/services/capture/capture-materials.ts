/**
 * Which of an item's materials (申请材料) the citizen captures, and how: a resident ID card is
 * two card-sized pages (人像面, 国徽面), two people's cards four; any other paper material is
 * one or more A4 pages (its shape found on the stage when it may also be a card); a material
 * the hall already holds as shared data (免提交) is listed but not captured. Read from the
 * material's name, as the catalogue has no field for it.
 */
import type { CapturePageKind, GuideMaterial } from '../../ipc/contract.js';

/** Pages one A4 material may have at most (a contract, a register booklet). */
export const MAX_A4_PAGES = 20;

export interface MaterialSpec {
  readonly materialId: string;
  readonly name: string;
  readonly kind: CapturePageKind;
  readonly requirement: GuideMaterial['requirement'];
  readonly condition: string | null;
  readonly minPages: number;
  readonly maxPages: number;
  readonly pageNames: readonly string[];
}

/** Names that are an ID card and nothing else: "申请人居民身份证", "本人原居民身份证". */
const ID_CARD_ONLY = /居民身份证$/u;
/** Cards of two people: "夫妻双方居民身份证", "出租人和承租人居民身份证". */
const TWO_HOLDERS = /双方|和/u;
/** "…或户口簿", "授权委托书及受托人居民身份证": an ID card among other papers. */
const ALTERNATIVES = /或|及/u;

function shapeOf(name: string): Pick<MaterialSpec, 'kind' | 'minPages' | 'maxPages' | 'pageNames'> {
  const isIdCardOnly = ID_CARD_ONLY.test(name) && !ALTERNATIVES.test(name);
  if (isIdCardOnly && TWO_HOLDERS.test(name)) {
    const names = ['第一人 人像面', '第一人 国徽面', '第二人 人像面', '第二人 国徽面'];
    return { kind: 'idCard', minPages: 4, maxPages: 4, pageNames: names };
  }
  if (isIdCardOnly) return { kind: 'idCard', minPages: 2, maxPages: 2, pageNames: ['人像面', '国徽面'] };
  // Anything else — a card among other papers, a photo print — pages as they come, shape as found.
  return { kind: /身份证|相片|照片/u.test(name) ? 'auto' : 'a4', minPages: 1, maxPages: MAX_A4_PAGES, pageNames: [] };
}

export function materialSpecs(materials: readonly GuideMaterial[]): { specs: MaterialSpec[]; shared: string[] } {
  const specs: MaterialSpec[] = [];
  const shared: string[] = [];
  for (const material of materials) {
    if (material.isSharedData) {
      shared.push(material.name);
      continue;
    }
    specs.push({
      materialId: material.id,
      name: material.name,
      requirement: material.requirement,
      condition: material.condition,
      ...shapeOf(material.name),
    });
  }
  return { specs, shared };
}
