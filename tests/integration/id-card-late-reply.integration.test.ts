import { afterEach, expect, it } from 'vitest';
import { simulatedCard } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { startIdCardReaderRig, type IdCardReaderRig } from '../support/id-card-reader-rig.js';
import { nextEvent } from '../support/wait.js';

let rig: IdCardReaderRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

it('never matches a FIND reply that came after its deadline to the next FIND (R-V3)', async () => {
  rig = await startIdCardReaderRig();
  const { simulator } = rig;
  // The next FIND is answered 9F, 350 ms late (deadline 100 ms); right after the module
  // decided that answer the card is taken away, so every later FIND must see 80. A reader
  // that matched the late 9F to its next FIND would go on to SELECT.
  simulator.inject({ kind: 'delayReply', ms: 350, on: 'findCard' });
  const off = simulator.onCommand((command) => {
    if (command.command !== 'findCard') return;
    off();
    simulator.removeCard();
  });
  simulator.presentCard(simulatedCard('resident'));
  await nextEvent((listener) => simulator.onReply((reply) => reply.sw3 === 0x9f && listener(reply)), 'the late 9F');
  await rig.moreCommands('findCard', 3);
  expect(simulator.received.map((r) => r.command)).not.toContain('selectCard');
  expect(rig.reads).toHaveLength(0);

  const read = rig.nextCardRead();
  simulator.presentCard(simulatedCard('resident'));
  expect((await read).text.cardType).toBe('resident');
});
