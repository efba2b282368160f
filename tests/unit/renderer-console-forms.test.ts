/**
 * The console's forms as pure functions: typing on the console keyboard (console-text.ts)
 * and the manual binding form (console-binding.ts) — what is checked before sending and the
 * `devices.<device>.transport` value admin.bind receives.
 */
import { describe, expect, it } from 'vitest';
import {
  bindingProblems,
  draftFor,
  specOf,
  transportDetails,
  transportOf,
  usbIdText,
  withTransport,
} from '../../renderer/flows/console-binding';
import {
  type ConsoleKey,
  type TextDraft,
  chooseConsoleCandidate,
  consoleRows,
  draftValue,
  finishDraft,
  pressConsoleKey,
  startDraft,
  typeConsoleText,
} from '../../renderer/flows/console-text';

function press(draft: TextDraft, keys: readonly ConsoleKey[], maxLength = 80): TextDraft {
  return keys.reduce((current, key) => pressConsoleKey(current, key, maxLength), draft);
}

describe('console keyboard', () => {
  it('types a device path with symbols and letters', () => {
    const draft = press(startDraft('', 'symbols'), ['slash', 'toLatin', 'd', 'e', 'v', 'toSymbols', 'slash', 'toLatin', 't', 't', 'y', 'shift', 'u', 's', 'b', 'shift', 'toSymbols', '0']);
    expect(draftValue(draft)).toBe('/dev/ttyUSB0');
  });

  it('starts terminal ids in capitals', () => {
    expect(draftValue(press(startDraft('', 'latin', true), ['l', 'y', 'g', 'toSymbols', 'dash', '1']))).toBe('LYG-1');
  });

  it('composes pinyin and takes a candidate, or the first one on 空格', () => {
    let draft = press(startDraft('连云港', 'pinyin'), ['z', 'h', 'e', 'n', 'g']);
    expect(draft.composition).toBe('zheng');
    expect(draftValue(draft)).toBe('连云港zheng');
    draft = chooseConsoleCandidate(draft, '政务', 80);
    expect(draftValue(draft)).toBe('连云港政务');
    draft = pressConsoleKey(press(draft, ['z', 'x']), 'space', 80, '中心');
    expect(draftValue(draft)).toBe('连云港政务中心');
    // Letters left as typed when the technician is done.
    expect(finishDraft(press(draft, ['a', 'b']))).toBe('连云港政务中心ab');
  });

  it('deletes a whole hanzi, and the composition before the text', () => {
    const draft = press(startDraft('政务', 'pinyin'), ['z', 'h']);
    expect(draftValue(pressConsoleKey(draft, 'backspace', 80))).toBe('政务z');
    expect(draftValue(press(startDraft('政务', 'pinyin'), ['backspace']))).toBe('政');
    expect(draftValue(pressConsoleKey(draft, 'clear', 80))).toBe('');
  });

  it('keeps to the field’s length, by characters', () => {
    expect(draftValue(press(startDraft('', 'digits'), ['1', '2', '3', '4'], 3))).toBe('123');
    expect(draftValue(typeConsoleText(startDraft('', 'latin'), 'https://zwfw.example.cn/long', 10))).toBe('https://zw');
  });

  it('offers switches only to the layouts the field allows', () => {
    const flat = (rows: readonly (readonly ConsoleKey[])[]): ConsoleKey[] => rows.flat();
    expect(flat(consoleRows('latin', ['latin', 'symbols']))).toContain('toSymbols');
    expect(flat(consoleRows('latin', ['latin', 'symbols']))).not.toContain('toPinyin');
    expect(flat(consoleRows('latin', ['latin']))).toContain('shift');
    expect(flat(consoleRows('digits', ['digits']))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'backspace']);
  });
});

describe('manual binding', () => {
  it('starts each device with its first transport and its baud rate', () => {
    expect(draftFor('receiptPrinter')).toMatchObject({ transport: 'serial', baudRate: 115200 });
    expect(draftFor('barcodeScanner')).toMatchObject({ transport: 'serial', baudRate: 9600, options: { suffix: 'auto' } });
    expect(draftFor('documentCamera').transport).toBe('simulated');
    expect(specOf('scanner').transports).toEqual([]);
  });

  it('says what is missing or wrong before anything is sent', () => {
    const serial = draftFor('idCardReader');
    expect(bindingProblems(serial)).toEqual(['pathMissing']);
    expect(bindingProblems({ ...serial, path: 'ttyUSB0' })).toEqual(['pathNotAbsolute']);
    expect(bindingProblems({ ...serial, path: '/dev/ttyUSB0' })).toEqual([]);
    expect(bindingProblems({ ...serial, path: 'COM3' })).toEqual([]);
    const hid = withTransport(serial, 'hid');
    expect(bindingProblems(hid)).toEqual(['vendorIdInvalid', 'productIdInvalid']);
    expect(bindingProblems({ ...hid, vendorId: '10c4', productId: '0x7' })).toEqual([]);
    expect(bindingProblems({ ...hid, vendorId: '10c4g', productId: '12345' })).toEqual(['vendorIdInvalid', 'productIdInvalid']);
  });

  it('sends the configuration’s transport values, USB ids in 0x hex', () => {
    expect(transportOf({ ...draftFor('idCardReader'), path: ' /dev/ttyUSB0 ' })).toEqual({ type: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 });
    expect(transportOf({ ...withTransport(draftFor('idCardReader'), 'hid'), vendorId: '10c4', productId: '7' })).toEqual({
      type: 'hid',
      vendorId: '0x10C4',
      productId: '0x0007',
      envelope: 'miaxis',
    });
    expect(transportOf({ ...withTransport(draftFor('barcodeScanner'), 'hid'), vendorId: '0c2e', productId: '0b61' })).toMatchObject({ mode: 'hidKeyboard' });
    expect(transportOf(withTransport(draftFor('evaluationPad'), 'simulated'))).toEqual({ type: 'simulated' });
    expect(usbIdText('0X0c2e')).toBe('0x0C2E');
  });

  it('describes a proposal’s transport after its type', () => {
    expect(transportDetails({ type: 'serial', path: '/dev/ttyS1', baudRate: 115200 })).toBe('/dev/ttyS1 @115200');
    expect(transportDetails({ type: 'hid', vendorId: '0x0C2E', productId: '0x0B61' })).toBe('vendorId=0x0C2E productId=0x0B61');
  });
});
