import { afterEach, expect, it } from 'vitest';
import { simulatedCard } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { startIdCardReaderRig, type IdCardReaderRig } from '../support/id-card-reader-rig.js';

let rig: IdCardReaderRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

it.each(['sw41', 'truncate'] as const)(
  'reports cardMoved when the card is pulled mid-read (%s), goes back to FIND and reads the next presentation',
  async (mode) => {
    // Half a second of RF time, so the card is pulled while the module is reading.
    rig = await startIdCardReaderRig({ readDelayMs: 500 });
    const { simulator } = rig;
    simulator.inject({ kind: 'removeMidRead', mode });
    const failed = rig.nextReadFailed(10_000);
    simulator.presentCard(simulatedCard('hk'));
    expect(await failed).toMatchObject({ reason: 'cardMoved', ...(mode === 'sw41' ? { sw3: 0x41 } : {}) });
    const afterFailure = simulator.received.length;

    const read = rig.nextCardRead(10_000);
    simulator.presentCard(simulatedCard('hk'));
    expect((await read).text).toEqual(SPECIMEN_CARDS.hk);
    // §1.9: never READ again without FIND + SELECT first.
    const next = simulator.received.slice(afterFailure).map((r) => r.command);
    const firstRead = next.indexOf('readTextAndPhoto');
    expect(next[0]).toBe('findCard');
    expect(next.slice(firstRead - 2, firstRead)).toEqual(['findCard', 'selectCard']);
    expect(rig.failures).toHaveLength(1);
    expect(rig.reads).toHaveLength(1);
  },
);
