/**
 * An ID-card reader over a real serial stack for integration tests: socat pty pair, the
 * device class on one end, the simulator on the other. `stop()` closes both transports and
 * kills socat.
 */
import type { DeviceError } from '../../hardware/device-error.js';
import { startPtyRig } from './bring-up.js';
import type { CardRead, CardRemoved, IdCardReaderStatusUpdate, ReadFailed } from '../../hardware/devices/id-card-reader/events.js';
import { IdCardReader, type IdCardReaderOptions } from '../../hardware/devices/id-card-reader/id-card-reader.js';
import {
  IdCardReaderSimulator,
  type IdCardReaderSimulatorOptions,
} from '../../hardware/simulators/id-card-reader/id-card-reader-simulator.js';
import type { SamCommandName } from '../../hardware/protocols/sam/frame.js';
import type { SerialTransport } from '../../hardware/transports/serial-transport.js';
import type { PtyPair } from './pty.js';
import { nextEvent, withTimeout } from './wait.js';

export interface IdCardReaderRig {
  readonly pty: PtyPair;
  readonly reader: IdCardReader;
  readonly simulator: IdCardReaderSimulator;
  /** The simulator's end of the link. */
  readonly simulatorTransport: SerialTransport;
  /** Every event since the rig started, in order. */
  readonly reads: readonly CardRead[];
  readonly removals: readonly CardRemoved[];
  readonly failures: readonly ReadFailed[];
  readonly updates: readonly IdCardReaderStatusUpdate[];
  readonly errors: readonly DeviceError[];
  nextCardRead(timeoutMs?: number): Promise<CardRead>;
  nextCardRemoved(timeoutMs?: number): Promise<CardRemoved>;
  nextReadFailed(timeoutMs?: number): Promise<ReadFailed>;
  /** Resolves once the simulator has received `count` more `command`s (e.g. polls). */
  moreCommands(command: SamCommandName, count: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the next status update of `kind`. */
  nextUpdate<K extends IdCardReaderStatusUpdate['kind']>(kind: K, timeoutMs?: number): Promise<Extract<IdCardReaderStatusUpdate, { kind: K }>>;
  stop(): Promise<void>;
}

/** Starts socat, the simulator and an opened, claimed and enabled reader. */
export async function startIdCardReaderRig(
  simulatorOptions: IdCardReaderSimulatorOptions = {},
  readerOptions: Partial<IdCardReaderOptions> = {},
): Promise<IdCardReaderRig> {
  const reads: CardRead[] = [];
  const removals: CardRemoved[] = [];
  const failures: ReadFailed[] = [];
  const updates: IdCardReaderStatusUpdate[] = [];
  const errors: DeviceError[] = [];
  const { pty, device: reader, simulator, simulatorTransport, stop } = await startPtyRig({
    simulator: new IdCardReaderSimulator(simulatorOptions),
    createDevice: (transport) => {
      const created = new IdCardReader({ transport, ...readerOptions });
      created.onCardRead((card) => reads.push(card));
      created.onCardRemoved((removed) => removals.push(removed));
      created.onReadFailed((failed) => failures.push(failed));
      created.onStatusUpdate((update) => updates.push(update));
      created.onError((error) => errors.push(error));
      return created;
    },
  });
  return {
    pty,
    reader,
    simulator,
    simulatorTransport,
    reads,
    removals,
    failures,
    updates,
    errors,
    nextCardRead: (timeoutMs) => nextEvent<CardRead>((listener) => reader.onCardRead(listener), 'cardRead', timeoutMs),
    nextCardRemoved: (timeoutMs) => nextEvent<CardRemoved>((listener) => reader.onCardRemoved(listener), 'cardRemoved', timeoutMs),
    nextReadFailed: (timeoutMs) => nextEvent<ReadFailed>((listener) => reader.onReadFailed(listener), 'readFailed', timeoutMs),
    moreCommands: async (command, count, timeoutMs) => {
      let off: () => void = () => undefined;
      const seen = new Promise<void>((resolve) => {
        let left = count;
        off = simulator.onCommand((received) => {
          if (received.command === command && --left <= 0) resolve();
        });
      });
      try {
        await withTimeout(seen, `${count} more ${command}`, timeoutMs);
      } finally {
        off();
      }
    },
    nextUpdate: (kind, timeoutMs) =>
      nextEvent(
        (listener) =>
          reader.onStatusUpdate((update) => {
            if (update.kind === kind) listener(update as Extract<IdCardReaderStatusUpdate, { kind: typeof kind }>);
          }),
        `status update ${kind}`,
        timeoutMs,
      ),
    stop,
  };
}
