/**
 * The app shell: home, the journeys (取号, 办事指南, 自助申办, 办件查询, 预约签到, 好差评),
 * out of service, and the idle countdown over them.
 *
 * A journey opens a core session (`session.begin`) and ends it exactly once, with the reason
 * (`finished`, `home` or `idleTimeout`); ending unmounts the journey, so every bit of state it
 * held is gone (R-P3). 取号 from an office guide goes on in the same session: the guide is
 * replaced by the ticket journey with the item's category chosen; 我要申办 from the guide of
 * an item applicable at the kiosk likewise replaces it by the application journey (which
 * embeds capturing the materials); and 评价本次服务 at the end of any journey replaces it by
 * the evaluation, bound by the core to what the session did; the evaluation is offered once
 * and the session ends after it. Out of service replaces
 * everything, except a ticket number already on the screen, which stays until its own
 * countdown ends. The theme can be changed on every screen (the header's 显示模式).
 *
 * The technician console (issue #8) opens by a hidden gesture on home or out of service
 * (console-gesture.ts). It is no citizen journey: no session, no idle wipe; it has its own
 * admin session with its countdown, and returns home when that ends.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk, useSystemStatus } from './api/kiosk-context';
import { IdleDialog } from './components/idle-dialog';
import { stopSpeaking } from './components/speak';
import { type IdleSettings, idleMachine } from './flows/idle-machine';
import type { EvaluationJourney as EvaluationJourneyKind } from '../electron/ipc/contract';
import type { ApplicationOutput } from './flows/application-types';
import type { CheckInOutput } from './flows/checkin-machine';
import type { GuideOutput } from './flows/guide-types';
import type { ProgressOutput, ProgressPurpose } from './flows/progress-machine';
import type { JourneyEndReason } from './flows/ticket-machine';
import { DEFAULT_LANGUAGE, currentLanguage } from './i18n';
import { BootScreen } from './screens/boot-screen';
import { ApplicationJourney } from './screens/application-journey';
import { ConsoleJourney } from './screens/console-journey';
import { CheckInJourney } from './screens/checkin-journey';
import { EvaluationJourney } from './screens/evaluation-journey';
import { GuideJourney } from './screens/guide-journey';
import { HomeScreen } from './screens/home-screen';
import { OutOfServiceScreen } from './screens/out-of-service-screen';
import { ProgressJourney } from './screens/progress-journey';
import { TicketJourney } from './screens/ticket-journey';
import { DEFAULT_THEME, type Theme, applyTheme, timeFactor } from './themes/theme';
import { ThemeProvider } from './themes/theme-context';

/** Until the core has sent its configuration (R-P3 example values are longer; see status.idle). */
const DEFAULT_IDLE: IdleSettings = { timeoutSeconds: 60, countdownSeconds: 10 };

/** Anything a person does on the screen; each one restarts the idle period. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

type SessionEndReason = JourneyEndReason | 'idleTimeout';

/** What a home tile starts. */
type StartKind = 'ticket' | 'guide' | 'progress' | 'checkIn' | 'evaluate';

type JourneySpec =
  /** `initialCategoryId`: 取号 from a guide, the category to take a ticket in. */
  | { readonly kind: 'ticket'; readonly initialCategoryId: string | null }
  | { readonly kind: 'guide' }
  /** 我要申办 from a guide: the item applied for. */
  | { readonly kind: 'application'; readonly itemCode: string }
  | { readonly kind: 'progress'; readonly purpose: ProgressPurpose }
  | { readonly kind: 'checkIn' }
  | { readonly kind: 'evaluation'; readonly journey: EvaluationJourneyKind; readonly caseNumber: string | null };

/** New `id` for every journey, so React mounts it afresh. */
type Journey = JourneySpec & { readonly id: number };

const STARTS: Readonly<Record<StartKind, JourneySpec>> = {
  ticket: { kind: 'ticket', initialCategoryId: null },
  guide: { kind: 'guide' },
  progress: { kind: 'progress', purpose: 'progress' },
  checkIn: { kind: 'checkIn' },
  evaluate: { kind: 'progress', purpose: 'evaluate' },
};

export interface AppProps {
  /** Where to put the theme attribute; the document's root element by default. */
  readonly root?: HTMLElement;
  /** Where to listen for activity; the window by default. */
  readonly activityTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

export function App({ root, activityTarget }: AppProps = {}): ReactNode {
  const kiosk = useKiosk();
  const status = useSystemStatus();
  const { i18n } = useTranslation();
  const [theme, setTheme] = useState<Theme>(DEFAULT_THEME);
  const themeControl = useMemo(() => ({ theme, setTheme }), [theme]);
  const [journey, setJourney] = useState<Journey | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const [isTicketShown, setIsTicketShown] = useState(false);
  const [isConsoleOpen, setIsConsoleOpen] = useState(false);
  const journeyCount = useRef(0);
  const hasSession = useRef(false);
  /** An evaluation prompt on the screen, not yet answered: recorded as not rated if the session ends under it. */
  const openPrompt = useRef<string | null>(null);
  const notePrompt = useCallback((promptId: string | null) => {
    openPrompt.current = promptId;
  }, []);

  const idle = useActorRef(idleMachine, { input: DEFAULT_IDLE });
  const idleSecondsLeft = useSelector(idle, (snapshot) =>
    snapshot.matches('warning') ? snapshot.context.remainingSeconds : null,
  );

  const factor = timeFactor(theme);
  const idleTimeoutSeconds = status?.idle.timeoutSeconds ?? DEFAULT_IDLE.timeoutSeconds;
  const idleCountdownSeconds = status?.idle.countdownSeconds ?? DEFAULT_IDLE.countdownSeconds;
  useEffect(() => {
    idle.send({
      type: 'CONFIGURE',
      timeoutSeconds: idleTimeoutSeconds * factor,
      countdownSeconds: idleCountdownSeconds * factor,
    });
  }, [idle, idleTimeoutSeconds, idleCountdownSeconds, factor]);

  useEffect(() => {
    applyTheme(root ?? document.documentElement, theme);
  }, [root, theme]);

  const language = currentLanguage(i18n);
  useEffect(() => {
    (root ?? document.documentElement).lang = language;
  }, [root, language]);

  const endJourney = useCallback(
    (reason: SessionEndReason) => {
      setJourney(null);
      setIsTicketShown(false);
      idle.send({ type: 'STOP' });
      // The last journey's prompt must not follow the citizen home or greet the next one.
      stopSpeaking();
      const promptId = openPrompt.current;
      openPrompt.current = null;
      if (hasSession.current) {
        hasSession.current = false;
        // The core logs and wipes on its side; the screen goes home whatever it answers.
        const end = (): Promise<void> => kiosk.session.end({ reason }).then(ignore, ignore);
        // A prompt left open (idle timeout, out of service) is "not rated" (protocols.md
        // §4.1), recorded before the session that holds it is gone.
        if (promptId === null) void end();
        else void kiosk.evaluation.decline({ promptId, why: 'timeout' }).then(end, end);
      }
      if (reason === 'idleTimeout') {
        // The next person should not find the last one's settings.
        setTheme(DEFAULT_THEME);
        if (currentLanguage(i18n) !== DEFAULT_LANGUAGE) void i18n.changeLanguage(DEFAULT_LANGUAGE);
      }
    },
    [idle, kiosk, i18n],
  );

  useEffect(() => {
    const subscription = idle.on('expired', () => endJourney('idleTimeout'));
    return () => subscription.unsubscribe();
  }, [idle, endJourney]);

  useEffect(() => {
    const target = activityTarget ?? window;
    const onActivity = (): void => idle.send({ type: 'ACTIVITY' });
    for (const type of ACTIVITY_EVENTS) target.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, onActivity, { capture: true });
    };
  }, [idle, activityTarget]);

  // A card laid on the reader or a code scanned is the citizen acting too, though no finger
  // touched the screen (and the keyboard guard swallows a scanner's keys).
  useEffect(() => {
    const onActivity = (): void => idle.send({ type: 'ACTIVITY' });
    const offCard = kiosk.on('identity.cardRead', onActivity);
    const offScan = kiosk.on('scan.scanned', onActivity);
    return () => {
      offCard();
      offScan();
    };
  }, [idle, kiosk]);

  // A ref, not state: two taps in one frame both see the state of before the first.
  const isBusy = useRef(false);
  const startJourney = useCallback(async (kind: StartKind) => {
    if (isBusy.current || hasSession.current) return;
    isBusy.current = true;
    setIsStarting(true);
    // A failed begin is not shown here: the journey's own calls report what is wrong.
    await kiosk.session.begin({}).then(ignore, ignore);
    hasSession.current = true;
    isBusy.current = false;
    setIsStarting(false);
    journeyCount.current += 1;
    setJourney({ ...STARTS[kind], id: journeyCount.current });
    idle.send({ type: 'START' });
  }, [idle, kiosk]);

  /** Same citizen, same session: the next journey, with the idle period afresh. */
  const continueWith = useCallback(
    (next: JourneySpec) => {
      journeyCount.current += 1;
      setIsTicketShown(false);
      setJourney({ ...next, id: journeyCount.current });
      idle.send({ type: 'START' });
    },
    [idle],
  );

  const endGuide = useCallback(
    (output: GuideOutput) => {
      if (output.reason === 'home') endJourney('home');
      else if (output.reason === 'evaluate') continueWith({ kind: 'evaluation', journey: 'guide', caseNumber: null });
      else if (output.reason === 'apply') continueWith({ kind: 'application', itemCode: output.itemCode });
      else continueWith({ kind: 'ticket', initialCategoryId: output.categoryId });
    },
    [endJourney, continueWith],
  );

  // Submitted or the one-time notice printed is a finished journey; before that, as any
  // 返回首页. Either way the session ends, and the core wipes the draft and the pages with it.
  const endApplication = useCallback(
    (output: ApplicationOutput) => {
      if (output.reason === 'evaluate') continueWith({ kind: 'evaluation', journey: 'application', caseNumber: output.caseNumber });
      else endJourney(output.reason);
    },
    [endJourney, continueWith],
  );

  const evaluateTicket = useCallback(
    () => continueWith({ kind: 'evaluation', journey: 'ticket', caseNumber: null }),
    [continueWith],
  );

  const endProgress = useCallback(
    (output: ProgressOutput) => {
      if (output.reason === 'evaluate') continueWith({ kind: 'evaluation', journey: 'progress', caseNumber: output.caseNumber });
      else endJourney(output.reason);
    },
    [endJourney, continueWith],
  );

  const endCheckIn = useCallback(
    (output: CheckInOutput) => {
      if (output.reason === 'evaluate') continueWith({ kind: 'evaluation', journey: 'checkIn', caseNumber: null });
      else endJourney(output.reason);
    },
    [endJourney, continueWith],
  );

  // Offered once: whatever came of it, the session is over.
  const endEvaluation = useCallback(() => endJourney('finished'), [endJourney]);

  const isOutOfService = status?.mode === 'outOfService';
  const keepsTicketOnScreen = journey !== null && isTicketShown;
  useEffect(() => {
    if (isOutOfService && journey && !keepsTicketOnScreen) endJourney('home');
  }, [isOutOfService, journey, keepsTicketOnScreen, endJourney]);

  // The console is technician-facing: standard theme, whatever the last citizen chose.
  const openConsole = (): void => {
    setTheme(DEFAULT_THEME);
    setIsConsoleOpen(true);
  };
  const closeConsole = (): void => setIsConsoleOpen(false);

  if (!status) return <BootScreen phase="starting" />;

  // Out of service is when a technician is needed most: the console stays open through it.
  if (isConsoleOpen && journey === null) return <ConsoleJourney status={status} onEnd={closeConsole} />;

  if (isOutOfService && !keepsTicketOnScreen) {
    return (
      <OutOfServiceScreen
        hallName={status.hallName}
        terminalId={status.terminalId}
        isSimulated={status.isSimulated}
        reason={status.outOfServiceReason}
        onOpenConsole={openConsole}
      />
    );
  }

  let screen: ReactNode;
  switch (journey?.kind) {
    case 'guide':
      screen = <GuideJourney key={journey.id} status={status} theme={theme} onEnd={endGuide} />;
      break;
    case 'application':
      screen = (
        <ApplicationJourney
          key={journey.id}
          status={status}
          itemCode={journey.itemCode}
          isCareMode={theme === 'careMode'}
          timeFactor={factor}
          onEnd={endApplication}
        />
      );
      break;
    case 'ticket':
      screen = (
        <TicketJourney
          key={journey.id}
          status={status}
          timeFactor={factor}
          initialCategoryId={journey.initialCategoryId}
          onEnd={endJourney}
          onTicketShown={setIsTicketShown}
          onEvaluate={evaluateTicket}
        />
      );
      break;
    case 'progress':
      screen = <ProgressJourney key={journey.id} status={status} purpose={journey.purpose} timeFactor={factor} onEnd={endProgress} />;
      break;
    case 'checkIn':
      screen = (
        <CheckInJourney key={journey.id} status={status} timeFactor={factor} onEnd={endCheckIn} onTicketShown={setIsTicketShown} />
      );
      break;
    case 'evaluation':
      screen = (
        <EvaluationJourney
          key={journey.id}
          status={status}
          journey={journey.journey}
          caseNumber={journey.caseNumber}
          timeFactor={factor}
          onEnd={endEvaluation}
          onPromptOpen={notePrompt}
        />
      );
      break;
    case undefined:
      screen = (
        <HomeScreen
          status={status}
          theme={theme}
          isStarting={isStarting}
          onTakeTicket={() => void startJourney('ticket')}
          onOpenGuide={() => void startJourney('guide')}
          onOpenProgress={() => void startJourney('progress')}
          onCheckIn={() => void startJourney('checkIn')}
          onEvaluate={() => void startJourney('evaluate')}
          onToggleTheme={() => setTheme((current) => (current === 'careMode' ? 'standard' : 'careMode'))}
          onToggleLanguage={() => void i18n.changeLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
          onOpenConsole={openConsole}
        />
      );
      break;
  }

  return (
    <ThemeProvider value={themeControl}>
      {screen}
      {journey && idleSecondsLeft !== null ? (
        <IdleDialog secondsLeft={idleSecondsLeft} onContinue={() => idle.send({ type: 'CONTINUE' })} />
      ) : null}
    </ThemeProvider>
  );
}

function ignore(): void {
  // Deliberately nothing: see the call sites.
}
