import type { TFunction } from 'i18next';
import type { ApplicationBegun } from '../../electron/ipc/contract';
import { type StepProps, stepPropsAt } from '../components/step-indicator';
import { type ApplicationStepId, stepsOf } from '../flows/application-types';

/** 须知 → 读身份证 → 材料 → 填表 → (告知承诺) → 核对 → 完成; `done` shows all as done. */
export function applicationStepProps(t: TFunction, begun: Pick<ApplicationBegun, 'commitment'> | null, current: ApplicationStepId): StepProps {
  const ids = stepsOf(begun);
  const steps = ids.map((id) => ({ id: `application-${id}`, label: t(`application.steps.${id}`) }));
  if (current === 'done') return { steps, currentStep: steps.length };
  return stepPropsAt(steps, `application-${current}`);
}
