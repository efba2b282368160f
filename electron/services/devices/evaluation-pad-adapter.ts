/**
 * Brings up the configured evaluation pad (评价器) for counter mode and narrows it to the
 * {@link EvaluationPadPort}. No pad configured → none (counter mode answers 503). The pad is
 * opened, claimed and enabled at start: unlike the card reader it only acts when prompted.
 */
import createDebug from 'debug';
import type { EvaluationPadCondition } from '../../../hardware/devices/evaluation-pad/events.js';
import { type EvaluationPadBinding, createEvaluationPad } from '../../../hardware/registry.js';
import type { DeviceHealth } from '../../ipc/contract.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import type { EvaluationPadPort } from '../evaluation/evaluation-pad-port.js';
import { trackHealth } from './health-tracker.js';

const debug = createDebug('kiosk:services:evaluation-pad');

type PadConfig = TerminalConfig['devices']['evaluationPad'];

export function padHealth(condition: EvaluationPadCondition, isSimulated: boolean, isOpen: boolean): DeviceHealth {
  const health = (state: DeviceHealth['state'], detail: string | null): DeviceHealth => ({
    kind: 'evaluationPad',
    isSimulated,
    state,
    condition: condition === 'online' || condition === 'unknown' ? null : condition,
    detail,
  });
  if (!isOpen) return health('offline', 'the pad port cannot be opened: check cable and config');
  switch (condition) {
    case 'online':
    case 'unknown':
      return health('online', null);
    case 'noReply':
      return health('offline', 'the pad does not answer: check power, address and baud rate');
    case 'powerOff':
      return health('offline', 'pad unplugged or port gone; reconnecting');
  }
}

export function padBinding(config: NonNullable<PadConfig>): EvaluationPadBinding {
  return { ...config.transport, codeTable: config.codeTable, keyTable: config.keyTable };
}

export async function createEvaluationPadPort(config: PadConfig): Promise<EvaluationPadPort | null> {
  if (config === undefined) return null;
  const registered = createEvaluationPad(padBinding(config));
  const { device, simulator } = registered;
  let isOpen = false;
  const tracker = trackHealth(
    () => padHealth(device.condition, registered.isSimulated, isOpen),
    (health) => debug('health: %s %s', health.state, health.condition ?? ''),
  );
  device.onStatusUpdate(() => tracker.update());
  const opened = await device.open();
  isOpen = opened.ok;
  if (opened.ok) {
    device.claim();
    const enabled = await device.enable();
    if (!enabled.ok) debug('cannot enable the pad: %s', enabled.error.message);
  } else {
    debug('cannot open the pad: %s', opened.error.message);
  }
  tracker.update();

  return {
    async request(request, signal) {
      const result = await device.requestEvaluation(request, signal);
      tracker.update();
      if (!result.ok) return result;
      const outcome = result.value;
      return { ok: true, value: outcome.outcome === 'rated' ? { outcome: 'rated', level: outcome.level } : outcome };
    },
    health: () => tracker.current(),
    onHealthChanged: (listener) => tracker.onChanged(listener),
    simulated:
      simulator === null
        ? null
        : {
            press: (level) => void simulator.press(level),
            get isPrompted() {
              return simulator.isPrompted;
            },
          },
    async close() {
      await device.close();
      await registered.dispose();
    },
  };
}
