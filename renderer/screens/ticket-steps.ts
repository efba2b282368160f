import type { TFunction } from 'i18next';
import { type Step, type StepProps, stepPropsAt } from '../components/step-indicator';

export type TicketStepId = 'chooseCategory' | 'identify' | 'takeTicket';

/** 1 选择类别 → 2 取号, or 1 选择类别 → 2 刷身份证 → 3 取号 when the terminal asks for the card. */
export function ticketSteps(t: TFunction, hasIdentityStep = false): readonly Step[] {
  return [
    { id: 'chooseCategory', label: t('steps.chooseCategory') },
    ...(hasIdentityStep ? [{ id: 'identify', label: t('steps.identify') }] : []),
    { id: 'takeTicket', label: t('steps.takeTicket') },
  ];
}

/** The props of JourneyLayout that show the steps with `current` as the current one. */
export function ticketStepProps(t: TFunction, hasIdentityStep: boolean, current: TicketStepId): StepProps {
  return stepPropsAt(ticketSteps(t, hasIdentityStep), current);
}
