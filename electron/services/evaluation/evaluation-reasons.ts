/**
 * The five levels of 好差评 and the reasons offered per level. Defaults follow the indicators
 * of the national 政务服务"好差评" rules (国办发〔2019〕51号: 服务效率, 服务水平, 服务态度, and
 * for bad ratings the common causes: inaccurate guide, repeated trips, too many materials,
 * too slow, attitude, systems) in the short words of provincial evaluation screens. A hall
 * overrides any level's list in config.json (`evaluation.reasons`).
 */
import { EVALUATION_LEVELS as LEVELS_BEST_FIRST, EVALUATION_LEVEL_NAMES } from '../../../hardware/protocols/evaluation-pad/code-table.js';
import type { EvaluationLevel } from '../../ipc/contract.js';

/** The five levels, 5 (非常满意) first, with the provincial platforms' words (protocols.md §4.1). */
export const EVALUATION_LEVELS: readonly { readonly level: EvaluationLevel; readonly label: string }[] = LEVELS_BEST_FIRST.map((level) => ({
  level,
  label: EVALUATION_LEVEL_NAMES[level],
}));

/** Ratings that need a reason, may leave a phone number, and are flagged for 12345 follow-up. */
export const LOW_LEVELS: readonly EvaluationLevel[] = [2, 1];

const GOOD = ['办事指南清晰', '一次办成', '办理速度快', '服务态度好', '自助设备好用', '环境整洁舒适'];
const BAD = ['办事指南不准确', '需要多次跑动', '材料要求过多', '办理时间过长', '服务态度差', '设备故障或难用', '其他'];

export const DEFAULT_REASONS: Readonly<Record<EvaluationLevel, readonly string[]>> = {
  5: GOOD,
  4: GOOD,
  3: ['等候时间较长', '指引不够清楚', '设备操作不便', '材料准备较繁琐', '其他'],
  2: BAD,
  1: BAD,
};


/** The configured lists over the defaults. */
export function reasonsFor(configured: Partial<Record<'1' | '2' | '3' | '4' | '5', readonly string[]>>): Record<EvaluationLevel, readonly string[]> {
  return {
    1: configured['1'] ?? DEFAULT_REASONS[1],
    2: configured['2'] ?? DEFAULT_REASONS[2],
    3: configured['3'] ?? DEFAULT_REASONS[3],
    4: configured['4'] ?? DEFAULT_REASONS[4],
    5: configured['5'] ?? DEFAULT_REASONS[5],
  };
}
