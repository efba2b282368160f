/**
 * Brings up the configured ID-card reader (or its simulator) and narrows it to the
 * {@link IdCardReaderPort} the identity service uses. The reader is opened and claimed at
 * start but only polls (enabled) while a journey asks for a card: an idle kiosk does not
 * read cards lying on it.
 */
import createDebug from 'debug';
import type { IdCardReaderCondition, ReadFailedReason } from '../../../hardware/devices/id-card-reader/events.js';
import { type IdCardReaderBinding, createIdCardReader, isSpecimenId } from '../../../hardware/registry.js';
import { simulatedCard } from '../../../hardware/simulators/id-card-reader/simulated-cards.js';
import { SPECIMEN_IDS } from '../../../hardware/simulators/id-card-reader/specimens.js';
import { deviceError } from '../../../hardware/device-error.js';
import { err, ok } from '../../../hardware/result.js';
import type { DeviceHealth, SpecimenCard } from '../../ipc/contract.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import { trackHealth } from './health-tracker.js';
import type { CardRead, CardReadFailure, IdCardReaderPort, SimulatedCardSlot } from '../identity/id-card-reader-port.js';

const debug = createDebug('kiosk:services:id-card-reader');

type ReaderConfig = TerminalConfig['devices']['idCardReader'];

/** Dev-panel labels of the specimen cards (no card data in them). */
const SPECIMEN_LABELS: Record<string, string> = {
  resident: '居民身份证',
  'resident-elder': '居民身份证（70岁以上）',
  'resident-longterm': '居民身份证（长期有效）',
  'resident-expired': '居民身份证（已过期）',
  'resident-dot': '居民身份证（姓名含间隔号）',
  hk: '港澳台居民居住证',
  foreign2017: '外国人永久居留身份证（2017版）',
  foreign2023: '外国人永久居留身份证（2023版）',
};

const FAILURES: Record<ReadFailedReason, CardReadFailure> = {
  cardMoved: 'cardMoved',
  noReply: 'cardMoved',
  badFrame: 'cardMoved',
  unsupportedCard: 'unreadable',
  badCardData: 'unreadable',
  cardError: 'unreadable',
  readerFault: 'readerFault',
};

/**
 * The registry binding of the configured reader: the config's transport as it is
 * (`simulated`, `serial`, or `hid` with its vendor envelope); none configured → a
 * simulated reader with no card on it.
 */
export function readerBinding(config: ReaderConfig): IdCardReaderBinding {
  return config?.transport ?? { type: 'simulated', card: null };
}

export function readerHealth(condition: IdCardReaderCondition, isSimulated: boolean): DeviceHealth {
  const health = (state: DeviceHealth['state'], detail: string | null): DeviceHealth => ({
    kind: 'idCardReader',
    isSimulated,
    state,
    condition: condition === 'online' || condition === 'unknown' ? null : condition,
    detail,
  });
  switch (condition) {
    case 'online':
    case 'unknown':
      return health('online', null);
    case 'noReply':
      return health('offline', 'the reader does not answer: check power and cable');
    case 'powerOff':
      return health('offline', 'reader unplugged or port gone; reconnecting');
    case 'resetting':
      return health('error', 'SAM fault: automatic reset under way');
    case 'faulty':
      return health('error', 'SAM faulty after automatic resets: maintenance needed');
  }
}

export async function createIdCardReaderPort(config: ReaderConfig): Promise<IdCardReaderPort> {
  const registered = createIdCardReader(readerBinding(config));
  const { device, simulator } = registered;
  const tracker = trackHealth(
    () => readerHealth(device.condition, registered.isSimulated),
    (health) => debug('health: %s %s', health.state, health.condition ?? ''),
  );
  const publish = (): void => tracker.update();
  device.onStatusUpdate(publish);

  const opened = await device.open();
  if (opened.ok) device.claim();
  else debug('cannot open the reader: %s', opened.error.message);

  const slot: SimulatedCardSlot | null =
    simulator === null
      ? null
      : {
          list: (): SpecimenCard[] => SPECIMEN_IDS.map((id) => ({ id, label: SPECIMEN_LABELS[id] ?? id })),
          present: (specimenId) => {
            if (!isSpecimenId(specimenId)) return false;
            simulator.presentCard(simulatedCard(specimenId));
            return true;
          },
          remove: () => simulator.removeCard(),
        };

  return {
    async startReading() {
      if (device.lifecycle === 'closed') {
        const reopened = await device.open();
        if (!reopened.ok) return reopened;
        device.claim();
      }
      if (device.lifecycle === 'enabled') return ok(undefined);
      const enabled = await device.enable();
      publish();
      if (!enabled.ok && (device.condition === 'faulty' || device.condition === 'powerOff')) {
        await device.disable();
        return err(deviceError('offline', `the reader cannot read: ${enabled.error.message}`));
      }
      // A reader that does not answer yet keeps polling: it may come up while the citizen waits.
      return ok(undefined);
    },
    stopReading() {
      void device.disable();
    },
    onCardRead: (listener) =>
      device.onCardRead((card) => {
        // Fingerprints are never read (R-P1); the photo stays in main.
        const read: CardRead = { text: card.text, photo: card.photo, warnings: card.warnings };
        listener(read);
      }),
    onCardRemoved: (listener) => device.onCardRemoved(() => listener()),
    onReadFailed: (listener) => device.onReadFailed((failed) => listener(FAILURES[failed.reason])),
    health: () => tracker.current(),
    onHealthChanged: (listener) => tracker.onChanged(listener),
    simulated: slot,
    async close() {
      await device.close();
      await registered.dispose();
    },
  };
}
