import type { TFunction } from 'i18next';
import { type Step, type StepProps, stepPropsAt } from '../components/step-indicator';

/** 办件查询, 好差评 from home (pick a case to rate), 预约签到. */
export type LookupFlow = 'progress' | 'evaluate' | 'checkIn';

export type LookupStepId = 'chooseMethod' | 'find' | 'result' | 'chooseCase' | 'evaluate' | 'confirm' | 'ticket';

/** The steps of each flow: choose how → scan or card → what the flow shows. */
export function lookupSteps(t: TFunction, flow: LookupFlow): readonly Step[] {
  switch (flow) {
    case 'progress':
      return [
        { id: 'chooseMethod', label: t('progress.steps.chooseMethod') },
        { id: 'find', label: t('progress.steps.find') },
        { id: 'result', label: t('progress.steps.result') },
      ];
    case 'evaluate':
      return [
        { id: 'chooseMethod', label: t('progress.steps.chooseMethod') },
        { id: 'find', label: t('progress.steps.find') },
        { id: 'chooseCase', label: t('progress.steps.chooseCase') },
        { id: 'evaluate', label: t('progress.steps.evaluate') },
      ];
    case 'checkIn':
      return [
        { id: 'chooseMethod', label: t('checkIn.steps.chooseMethod') },
        { id: 'find', label: t('checkIn.steps.find') },
        { id: 'confirm', label: t('checkIn.steps.confirm') },
        { id: 'ticket', label: t('checkIn.steps.ticket') },
      ];
  }
}

/** The props of JourneyLayout that show the flow's steps with `current` as the current one. */
export function lookupStepProps(t: TFunction, flow: LookupFlow, current: LookupStepId): StepProps {
  return stepPropsAt(lookupSteps(t, flow), current);
}

/** The screen name (test id `screen-<name>`) of a flow's own screens. */
export function lookupScreenOf(flow: LookupFlow): 'progress' | 'checkin' {
  return flow === 'checkIn' ? 'checkin' : 'progress';
}
