import { useMachine } from '@xstate/react';
import { type ReactNode, useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';
import { useNow } from '../components/clock';
import { APPLICATION_SYSTEM_ID, provideApplicationKiosk } from '../flows/application-machine';
import type { ApplicationOutput } from '../flows/application-types';
import { ApplicationCapture } from './application-capture';
import { ApplicationCardScreen, ApplicationCardsSummaryScreen } from './application-card-screen';
import { ApplicationCommitmentScreen } from './application-commitment-screen';
import { ApplicationFormScreen } from './application-form-screen';
import { ApplicationIntroScreen } from './application-intro-screen';
import { ApplicationMaterialsScreen } from './application-materials-screen';
import { ApplicationFailedScreen, ApplicationWaitScreen } from './application-notices';
import { ApplicationNoticeScreen, ApplicationResultScreen } from './application-result-screen';
import { ApplicationReviewScreen } from './application-review-screen';
import { useJourneyEnd, useKioskMachine } from './journey-hooks';

/** Candidate words asked for per pinyin typed into a form field. */
const CANDIDATE_LIMIT = 20;

export interface ApplicationJourneyProps {
  readonly status: SystemStatus;
  /** The catalogue item applied for (an item applicable at the kiosk). */
  readonly itemCode: string;
  /** 关怀模式: the embedded capture takes the photo by itself once the page lies still. */
  readonly isCareMode: boolean;
  readonly timeFactor: number;
  /** Called once, when the journey is over: home, finished, or on to the evaluation. */
  readonly onEnd: (output: ApplicationOutput) => void;
}

/** `YYYY-MM-DD` of `date` in the hall's zone. */
export function hallDay(date: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(date);
}

/** 自助申办: runs the application machine and shows the screen for its state. */
export function ApplicationJourney({ status, itemCode, isCareMode, timeFactor, onEnd }: ApplicationJourneyProps): ReactNode {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const now = useNow();
  const machine = useKioskMachine(provideApplicationKiosk);
  const [snapshot, send] = useMachine(machine, { input: { itemCode, isCareMode, timeFactor }, systemId: APPLICATION_SYSTEM_ID });
  const { context } = snapshot;
  const { begun } = context;

  useEffect(() => {
    send({ type: 'CONFIGURE', isCareMode, timeFactor });
  }, [send, isCareMode, timeFactor]);

  useJourneyEnd(snapshot, onEnd);

  const candidates = useCallback(
    async (pinyin: string): Promise<readonly string[]> => {
      const result = await kiosk.input.candidates({ pinyin, limit: CANDIDATE_LIMIT }).catch(() => null);
      return result?.ok ? result.value.candidates : [];
    },
    [kiosk],
  );

  const goHome = (): void => send({ type: 'HOME' });
  const back = (): void => send({ type: 'BACK' });
  const next = (): void => send({ type: 'NEXT' });

  if (snapshot.matches('failed') && context.failure) {
    return (
      <ApplicationFailedScreen
        status={status}
        begun={begun}
        failure={context.failure}
        onRetry={() => send({ type: 'RETRY' })}
        onBack={back}
        onHome={goHome}
      />
    );
  }
  const capture = snapshot.children.capture;
  if (snapshot.matches({ materials: 'capturing' }) && capture) {
    return <ApplicationCapture status={status} capture={capture} onHome={goHome} />;
  }
  if (begun === null || snapshot.matches('beginning')) {
    return <ApplicationWaitScreen status={status} begun={begun} step="intro" title={t('application.starting')} onHome={goHome} />;
  }
  if (snapshot.matches('intro')) {
    return <ApplicationIntroScreen status={status} begun={begun} onStart={(hasAgent) => send({ type: 'START', hasAgent })} onHome={goHome} />;
  }
  if (snapshot.matches({ cards: 'summary' })) {
    return (
      <ApplicationCardsSummaryScreen
        status={status}
        begun={begun}
        applicant={context.applicant}
        agent={context.agent}
        onReread={(role) => send({ type: 'REREAD', role })}
        onNext={next}
        onBack={back}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches({ cards: 'live' })) {
    return (
      <ApplicationCardScreen
        status={status}
        begun={begun}
        role={context.role}
        phase={snapshot.matches({ cards: { live: 'taking' } }) ? 'taking' : snapshot.matches({ cards: { live: 'confirming' } }) ? 'confirming' : 'reading'}
        card={context.card}
        notice={context.cardNotice}
        applicant={context.applicant}
        onConfirm={() => send({ type: 'CONFIRM_CARD' })}
        onReread={() => send({ type: 'REREAD' })}
        onBack={back}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('materials')) {
    return (
      <ApplicationMaterialsScreen
        status={status}
        begun={begun}
        materials={context.materials}
        captureMaterials={context.captureMaterials}
        savingId={snapshot.matches({ materials: 'saving' }) || snapshot.matches({ materials: 'afterCapture' }) ? (context.pendingChoice?.materialId ?? '') : null}
        notice={context.materialNotice}
        dateChoice={snapshot.matches({ materials: 'choosingDate' }) ? context.dateChoice : null}
        onCapture={(materialId) => send({ type: 'CAPTURE', materialId })}
        onChoose={(materialId, choice) => send({ type: 'CHOOSE', materialId, choice })}
        onDefer={(materialId) => send({ type: 'DEFER', materialId })}
        onPickDate={(date) => send({ type: 'PICK_DATE', date })}
        onConfirmDate={() => send({ type: 'CONFIRM_DATE' })}
        onCancelDate={() => send({ type: 'CANCEL' })}
        onNext={next}
        onBack={back}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('form')) {
    return (
      <ApplicationFormScreen
        status={status}
        begun={begun}
        values={context.values}
        errors={context.formErrors}
        isSaving={snapshot.matches({ form: 'saving' })}
        today={hallDay(now, status.timeZone)}
        candidates={candidates}
        onChange={(fieldId, value) => send({ type: 'CHANGE', fieldId, value })}
        onNext={next}
        onBack={back}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('commitment') && begun.commitment) {
    return (
      <ApplicationCommitmentScreen
        status={status}
        begun={begun}
        commitment={begun.commitment}
        hasSignature={context.signature !== null}
        isSigned={context.isSigned}
        isSigning={snapshot.matches({ commitment: 'signing' })}
        onSignature={(signature) => send({ type: 'SIGNATURE', signature })}
        onAgree={() => send({ type: 'AGREE' })}
        onBack={back}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches({ reviewing: 'ready' }) && context.review) {
    return (
      <ApplicationReviewScreen
        status={status}
        begun={begun}
        review={context.review}
        onSubmit={() => send({ type: 'SUBMIT' })}
        onPrintNotice={() => send({ type: 'PRINT_NOTICE' })}
        onEdit={(step) => send({ type: 'EDIT', step })}
        onBack={back}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('result') && context.submitted) {
    return (
      <ApplicationResultScreen
        status={status}
        begun={begun}
        submitted={context.submitted}
        reprint={context.reprint}
        onReprint={() => send({ type: 'REPRINT' })}
        onEvaluate={() => send({ type: 'EVALUATE' })}
        onDone={() => send({ type: 'DONE' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('noticePrinted') && context.noticePrinted) {
    return (
      <ApplicationNoticeScreen
        status={status}
        begun={begun}
        printed={context.noticePrinted}
        review={context.review}
        onEvaluate={() => send({ type: 'EVALUATE' })}
        onDone={() => send({ type: 'DONE' })}
        onHome={goHome}
      />
    );
  }
  if (snapshot.matches('submitting')) {
    return (
      <ApplicationWaitScreen
        status={status}
        begun={begun}
        step="review"
        title={t('application.submitting.title')}
        text={t('application.submitting.hint')}
        onHome={goHome}
      />
    );
  }
  // settingAgent, reviewing.loading, printingNotice, closingCapture, done: a moment only.
  const isPrinting = snapshot.matches('printingNotice');
  return (
    <ApplicationWaitScreen
      status={status}
      begun={begun}
      step={snapshot.matches('settingAgent') ? 'intro' : 'review'}
      title={isPrinting ? t('application.printingNotice') : snapshot.matches('reviewing') ? t('application.review.loading') : t('application.wait')}
      onHome={goHome}
    />
  );
}
