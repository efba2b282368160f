import type { TFunction } from 'i18next';
import type { Step } from '../components/step-indicator';

/** 1 选择类别 → 2 取号. */
export function ticketSteps(t: TFunction): readonly Step[] {
  return [
    { id: 'chooseCategory', label: t('steps.chooseCategory') },
    { id: 'takeTicket', label: t('steps.takeTicket') },
  ];
}
