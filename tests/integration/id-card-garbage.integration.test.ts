import { afterEach, expect, it } from 'vitest';
import { DEFAULT_GARBAGE, DEFAULT_SPLIT } from '../../hardware/simulators/id-card-reader/faults.js';
import { simulatedCard } from '../../hardware/simulators/id-card-reader/simulated-cards.js';
import { SPECIMEN_CARDS } from '../../hardware/simulators/id-card-reader/specimens.js';
import { startIdCardReaderRig, type IdCardReaderRig } from '../support/id-card-reader-rig.js';

let rig: IdCardReaderRig | undefined;

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

it('reads one card correctly through leading garbage, split delivery and a preamble inside the photo', async () => {
  rig = await startIdCardReaderRig({ faults: { garbageBeforeReply: DEFAULT_GARBAGE, split: DEFAULT_SPLIT } });
  const { simulator } = rig;
  const card = simulatedCard('resident', { photo: 'preamble' });
  const read = rig.nextCardRead(15_000);
  simulator.presentCard(card);
  const { text, photo } = await read;
  expect(text).toEqual(SPECIMEN_CARDS.resident);
  expect(photo).toEqual(card.photo);
  // The card stays on the reader: several more polls, still exactly one read.
  await rig.moreCommands('findCard', 4);
  expect(rig.reads).toHaveLength(1);
  expect(rig.failures).toEqual([]);
  expect(rig.reader.condition).toBe('online');
});
