import { useMachine } from '@xstate/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationJourney as EvaluationJourneyKind, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { useSpeakOnShow } from '../components/speak';
import { Spinner } from '../components/spinner';
import { type EvaluationOutput, missingOf, provideEvaluationKiosk } from '../flows/evaluation-machine';
import { EvaluationScreen } from './evaluation-screen';
import { useJourneyEnd, useKioskMachine, useReported } from './journey-hooks';

export interface EvaluationJourneyProps {
  readonly status: SystemStatus;
  /** The journey being rated; the core binds the rating to its ticket or case. */
  readonly journey: EvaluationJourneyKind;
  readonly caseNumber: string | null;
  /** Stretches the prompt's timeout and the thanks (关怀模式). */
  readonly timeFactor: number;
  /** Called once, when the evaluation is over (rated, skipped, timed out, or not available). */
  readonly onEnd: (output: EvaluationOutput) => void;
  /**
   * The prompt open now (null once it is answered), so the app can record "not rated"
   * before it ends the session some other way (idle timeout, out of service).
   */
  readonly onPromptOpen?: (promptId: string | null) => void;
}

/** 好差评: runs the evaluation machine and shows its screen. */
export function EvaluationJourney({ status, journey, caseNumber, timeFactor, onEnd, onPromptOpen }: EvaluationJourneyProps): ReactNode {
  const { t } = useTranslation();
  const machine = useKioskMachine(provideEvaluationKiosk);
  const [snapshot, send] = useMachine(machine, { input: { journey, caseNumber, timeFactor } });
  const { context } = snapshot;

  useJourneyEnd(snapshot, onEnd);

  const isOpen = snapshot.matches('rating') || snapshot.matches('submitting') || snapshot.matches('submitFailed');
  const openPromptId = isOpen ? (context.prompt?.promptId ?? null) : null;
  useReported(openPromptId, onPromptOpen);

  const goHome = (): void => send({ type: 'HOME' });

  if (isOpen && context.prompt) {
    const phase = snapshot.matches('submitting') ? 'submitting' : snapshot.matches('submitFailed') ? 'submitFailed' : 'rating';
    return (
      <EvaluationScreen
        status={status}
        prompt={context.prompt}
        level={context.level}
        reasons={context.reasons}
        phone={context.phone}
        missing={context.isIncompleteShown ? missingOf(context) : null}
        phase={phase}
        failureMessage={context.failure?.message ?? null}
        onLevel={(level) => send({ type: 'LEVEL', level })}
        onToggleReason={(reason) => send({ type: 'TOGGLE_REASON', reason })}
        onPhoneKey={(key) => send({ type: 'PHONE_KEY', key })}
        onSubmit={() => send({ type: phase === 'submitFailed' ? 'RETRY' : 'SUBMIT' })}
        onSkip={() => send({ type: 'SKIP' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('thanks')) {
    return <EvaluationThanks status={status} isFollowUp={context.isFollowUp} onDone={() => send({ type: 'DONE' })} />;
  }
  if (snapshot.matches('openFailed')) {
    return (
      <JourneyLayout status={status} onHome={goHome} screen="evaluation">
        <div className="notice" role="status" data-testid="evaluation-unavailable">
          <Icon name="info" className="notice__icon" />
          <p className="notice__text">{context.failure?.message ?? t('evaluation.openFailed')}</p>
          <button type="button" className="button button--primary button--wide" data-testid="evaluation-home" onClick={goHome}>
            {t('evaluation.goHome')}
          </button>
        </div>
      </JourneyLayout>
    );
  }
  // opening, declining: a moment only.
  return (
    <JourneyLayout status={status} onHome={goHome} screen="evaluation">
      <div className="notice notice--quiet" data-testid="evaluation-waiting">
        <Spinner />
      </div>
    </JourneyLayout>
  );
}

interface EvaluationThanksProps {
  readonly status: SystemStatus;
  readonly isFollowUp: boolean;
  readonly onDone: () => void;
}

/** 感谢您的评价, then home by itself. */
export function EvaluationThanks({ status, isFollowUp, onDone }: EvaluationThanksProps): ReactNode {
  const { t } = useTranslation();
  useSpeakOnShow('voice.evaluationThanks');
  return (
    <JourneyLayout status={status} onHome={onDone} screen="evaluation">
      <div className="notice evaluation-thanks" role="status" data-testid="evaluation-thanks">
        <Icon name="check" className="notice__icon evaluation-thanks__icon" />
        <p className="notice__title">{t('evaluation.thanksTitle')}</p>
        <p className="notice__text">{t('evaluation.thanksText')}</p>
        {isFollowUp ? (
          <p className="notice__text" data-testid="evaluation-follow-up">
            {t('evaluation.followUp')}
          </p>
        ) : null}
        <button type="button" className="button button--primary button--wide" data-testid="evaluation-home" onClick={onDone}>
          {t('evaluation.goHome')}
        </button>
      </div>
    </JourneyLayout>
  );
}
