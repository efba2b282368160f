import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Step {
  /** Stable id, e.g. `chooseCategory`. */
  readonly id: string;
  /** Already translated label. */
  readonly label: string;
}

/** The props of JourneyLayout that show a flow's steps. */
export interface StepProps {
  readonly steps: readonly Step[];
  readonly currentStep: number;
}

/** `steps` with the one whose id is `current` as the current one (the first if none is). */
export function stepPropsAt(steps: readonly Step[], current: string): StepProps {
  return { steps, currentStep: Math.max(0, steps.findIndex((step) => step.id === current)) };
}

export interface StepIndicatorProps {
  readonly steps: readonly Step[];
  /** Index of the step shown now; earlier steps are done. */
  readonly current: number;
}

/** "1 选择类别 → 2 取号": where the citizen is in a multi-step flow (design.md §6). */
export function StepIndicator({ steps, current }: StepIndicatorProps): ReactNode {
  const { t } = useTranslation();
  return (
    <nav className="steps" aria-label={t('steps.label')}>
      <ol className="steps__list">
        {steps.map((step, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={step.id}
              className={`steps__item steps__item--${state}`}
              data-testid={`step-${step.id}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="steps__number">{index + 1}</span>
              <span className="steps__label">{step.label}</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
