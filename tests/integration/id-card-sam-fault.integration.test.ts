import { afterEach, expect, it } from 'vitest';
import { simulatedCard } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { startIdCardReaderRig, type IdCardReaderRig } from '../support/id-card-reader-rig.js';

let rig: IdCardReaderRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

it('resets the SAM once on 60 and reads again', async () => {
  rig = await startIdCardReaderRig();
  const { simulator } = rig;
  const resetting = rig.nextUpdate('resetting');
  const ready = rig.nextUpdate('ready');
  simulator.setSamFault(0x60);
  expect(await resetting).toEqual({ kind: 'resetting', sw3: 0x60, attempt: 1 });
  await ready;
  expect(simulator.received.filter((r) => r.command === 'resetSam')).toHaveLength(1);
  const read = rig.nextCardRead();
  simulator.presentCard(simulatedCard('resident'));
  expect((await read).text.cardType).toBe('resident');
});

it('reports the reader faulty (maintenance) when 66 persists after one reset', async () => {
  rig = await startIdCardReaderRig();
  const { simulator } = rig;
  const faulty = rig.nextUpdate('faulty');
  simulator.setSamFault(0x66, true);
  expect(await faulty).toMatchObject({ kind: 'faulty', action: 'maintenance', sw3: 0x66 });
  expect(rig.reader.condition).toBe('faulty');
  expect(rig.reader.state).toBe('error');
  expect(simulator.received.filter((r) => r.command === 'resetSam')).toHaveLength(1);
  expect(rig.errors.at(-1)).toMatchObject({ code: 'extended', detail: 'notAuthorised' });
});
