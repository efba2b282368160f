import { describe, expect, it } from 'vitest';
import { encodeBootReport } from '../../hardware/protocols/hid-keyboard/boot-report.js';
import { HidKeyPressDecoder, PAD_KEY_USAGES } from '../../hardware/protocols/evaluation-pad/hid-pad-keys.js';

const { digit1, digit5, f3 } = PAD_KEY_USAGES;
const down = (...keys: number[]): Uint8Array => encodeBootReport(0, keys);
const up = (): Uint8Array => encodeBootReport(0, []);

describe('HidKeyPressDecoder', () => {
  it('turns a press and release into one press', () => {
    const decoder = new HidKeyPressDecoder();
    expect(decoder.push(down(digit5))).toEqual([digit5]);
    expect(decoder.push(up())).toEqual([]);
  });

  it('counts a key held across reports once, and again only after a release', () => {
    const decoder = new HidKeyPressDecoder();
    expect(decoder.push(down(digit1))).toEqual([digit1]);
    expect(decoder.push(down(digit1))).toEqual([]);
    expect(decoder.push(down(digit1))).toEqual([]);
    expect(decoder.push(up())).toEqual([]);
    expect(decoder.push(down(digit1))).toEqual([digit1]);
  });

  it('reports a second key pressed while the first is held, in slot order', () => {
    const decoder = new HidKeyPressDecoder();
    expect(decoder.push(down(digit1))).toEqual([digit1]);
    expect(decoder.push(down(digit1, f3))).toEqual([f3]);
    expect(decoder.push(down(f3))).toEqual([]);
    expect(decoder.push(down(digit5, digit1))).toEqual([digit5, digit1]);
  });

  it('ignores modifiers, roll-over and garbled reports', () => {
    const decoder = new HidKeyPressDecoder();
    expect(decoder.push(encodeBootReport(0x02, [digit1]))).toEqual([digit1]);
    expect(decoder.push(Uint8Array.of(0, 0, 1, 1, 1, 1, 1, 1))).toEqual([]);
    expect(decoder.push(Uint8Array.of(0, 0))).toEqual([]);
    expect([...decoder.held]).toEqual([digit1]);
    expect(decoder.push(up())).toEqual([]);
  });

  it('skips a report ID when told to', () => {
    const decoder = new HidKeyPressDecoder(true);
    expect(decoder.push(encodeBootReport(0, [f3], 1))).toEqual([f3]);
    expect(decoder.push(encodeBootReport(0, [], 1))).toEqual([]);
  });

  it('forgets held keys on reset', () => {
    const decoder = new HidKeyPressDecoder();
    decoder.push(down(digit5));
    decoder.reset();
    expect(decoder.push(down(digit5))).toEqual([digit5]);
  });
});
