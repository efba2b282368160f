/**
 * The steps of a case as the progress screen shows them, derived from its status history:
 * what happened (done, with the time), where it stands (current), and what is still ahead
 * (pending) — the usual 提交申请 → 受理 → 审查决定 → 办结 of a government service case.
 */
import type { CaseStatus } from '../../ipc/contract.js';
import type { CaseStep } from './platform-adapter.js';

export interface CaseEvent {
  readonly status: CaseStatus;
  /** ISO 8601 with offset. */
  readonly at: string;
  readonly note: string | null;
}

const STEP_NAMES: Readonly<Record<CaseStatus, string>> = {
  submitted: '提交申请',
  correctionRequired: '补正材料',
  accepted: '受理',
  completed: '办结',
  rejected: '不予受理',
  withdrawn: '撤回申请',
};

/** Steps still ahead after each status. */
const AHEAD: Readonly<Record<CaseStatus, readonly string[]>> = {
  submitted: ['受理', '审查决定', '办结'],
  correctionRequired: ['受理', '审查决定', '办结'],
  accepted: ['审查决定', '办结'],
  completed: [],
  rejected: [],
  withdrawn: [],
};

/** `events` oldest first, starting with `submitted`. */
export function caseSteps(events: readonly CaseEvent[]): CaseStep[] {
  const steps: CaseStep[] = events.map((event) => ({ name: STEP_NAMES[event.status], state: 'done', at: event.at, note: event.note }));
  const last = events.at(-1);
  if (last === undefined) return steps;
  const ahead = AHEAD[last.status];
  if (last.status === 'correctionRequired') {
    // The applicant has to act: the 补正 step is where the case stands.
    const index = steps.length - 1;
    const step = steps[index];
    if (step !== undefined) steps[index] = { ...step, state: 'current' };
  }
  ahead.forEach((name, index) => {
    const isCurrent = index === 0 && last.status !== 'correctionRequired' && last.status !== 'submitted';
    steps.push({ name, state: isCurrent ? 'current' : 'pending', at: null, note: null });
  });
  if (last.status === 'submitted' && steps[1] !== undefined) steps[1] = { ...steps[1], state: 'current' };
  return steps;
}
