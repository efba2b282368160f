import type { TFunction } from 'i18next';
import type { StepProps } from '../components/step-indicator';

export type CaptureStepId = 'choose' | 'shoot' | 'confirm' | 'done';

/** 选择材料 → 拍摄 → 确认; `done` shows all three as done. */
export function captureStepProps(t: TFunction, current: CaptureStepId): StepProps {
  const steps = [
    { id: 'choose', label: t('capture.steps.choose') },
    { id: 'shoot', label: t('capture.steps.shoot') },
    { id: 'confirm', label: t('capture.steps.confirm') },
  ];
  return { steps, currentStep: current === 'done' ? steps.length : steps.findIndex((step) => step.id === current) };
}
