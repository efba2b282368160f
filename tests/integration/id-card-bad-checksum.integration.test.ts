import { afterEach, expect, it } from 'vitest';
import { simulatedCard } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { startIdCardReaderRig, type IdCardReaderRig } from '../support/id-card-reader-rig.js';

let rig: IdCardReaderRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

it('recovers from a READ reply with a bad checksum by FIND 80 → SELECT → READ, without bothering the citizen', async () => {
  rig = await startIdCardReaderRig();
  const { simulator } = rig;
  simulator.inject({ kind: 'badChecksum', on: 'readTextAndPhoto' });
  const read = rig.nextCardRead(10_000);
  simulator.presentCard(simulatedCard('foreign2023'));
  expect((await read).text).toEqual(SPECIMEN_CARDS.foreign2023);
  expect(rig.failures).toEqual([]);
  // The reader may see the last reply before the simulator's write has returned.
  await simulator.whenIdle();
  const replies = simulator.replies.map((r) => `${r.command}:${r.sw3.toString(16)}`);
  const firstRead = replies.indexOf('readTextAndPhoto:90');
  // The module did read the card, so it refuses FIND (80); SELECT still sees it (90).
  expect(replies.slice(firstRead, firstRead + 4)).toEqual(['readTextAndPhoto:90', 'findCard:80', 'selectCard:90', 'readTextAndPhoto:90']);
});
