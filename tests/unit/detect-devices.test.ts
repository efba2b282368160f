/**
 * Auto-detect's proposals (issue #8): HID devices by ids and report shape, serial ports as
 * the OS lists them (ghost `ttyS*` ports, ports in use, ports the kiosk holds), and every
 * fragment checked against the terminal configuration schema it is meant for.
 */
import { describe, expect, it } from 'vitest';
import {
  detectDevices,
  type DevicesFragment,
  proposeHidBindings,
  proposeSerialBinding,
  unprobedPorts,
} from '../../hardware/detect/detect-devices.js';
import type { SerialProbeResult } from '../../hardware/detect/probe-serial.js';
import type { HidDeviceInfo } from '../../hardware/transports/hid-binding.js';
import type { SerialBinding, SerialOpenOptions } from '../../hardware/transports/serial-binding.js';
import { terminalConfigSchema } from '../../electron/services/config/terminal-config.js';
import { FakeHidBinding } from '../support/fake-hid.js';

/** The fragment as config.json's schema reads it (throws on a fragment it would refuse). */
const asConfig = (fragment: DevicesFragment) => terminalConfigSchema.parse({ version: 1, devices: fragment }).devices;

const MIAXIS: HidDeviceInfo = { vendorId: 0x10c4, productId: 0x0007, path: '/dev/hidraw0', product: 'IDCard Reader', usagePage: 0xff00, usage: 1 };
const POS_SCANNER: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw2', usagePage: 0x8c, usage: 0x02 };
const SCANNER_KEYBOARD: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw1', usagePage: 0x01, usage: 0x06 };
const PAD_KEYBOARD: HidDeviceInfo = { vendorId: 0x1a86, productId: 0xe026, path: '/dev/hidraw3', product: 'USB Keypad', usagePage: 0x01, usage: 0x06 };
const MOUSE: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc077, path: '/dev/hidraw4', usagePage: 0x01, usage: 0x02 };

describe('proposeHidBindings', () => {
  it('knows a Miaxis reader by its ids and proposes the miaxis envelope', () => {
    const [proposal] = proposeHidBindings([MIAXIS]);
    expect(proposal).toMatchObject({ kind: 'identified', device: 'idCardReader', via: 'hid', location: '10c4:0007 /dev/hidraw0' });
    expect(proposal?.kind === 'identified' && proposal.fragment).toEqual({
      idCardReader: { transport: { type: 'hid', vendorId: '0x10c4', productId: '0x0007', envelope: 'miaxis' } },
    });
    expect(asConfig(proposal?.kind === 'identified' ? proposal.fragment : {}).idCardReader?.transport).toEqual({
      type: 'hid',
      vendorId: 0x10c4,
      productId: 7,
      envelope: 'miaxis',
    });
  });

  it('knows a HID POS scanner by usage page 0x8C, and names the node of a composite device', () => {
    const proposals = proposeHidBindings([SCANNER_KEYBOARD, POS_SCANNER]);
    const pos = proposals.find((p) => p.kind === 'identified');
    expect(pos).toMatchObject({ device: 'barcodeScanner', evidence: 'HID POS usage page 0x8C, usage 0x02 Bar Code Scanner' });
    // Both interfaces share 0c2e:0b61: by ids alone the keyboard interface could be opened.
    expect(pos?.kind === 'identified' && pos.fragment).toEqual({
      barcodeScanner: { transport: { type: 'hid', vendorId: '0x0c2e', productId: '0x0b61', path: '/dev/hidraw2', mode: 'hidPos' } },
    });
    expect(asConfig(pos?.kind === 'identified' ? pos.fragment : {}).barcodeScanner?.transport).toMatchObject({ mode: 'hidPos', path: '/dev/hidraw2' });
  });

  it('calls a boot keyboard keyboard-like, with a scanner and a pad choice to confirm', () => {
    const [proposal] = proposeHidBindings([PAD_KEYBOARD, MOUSE]);
    expect(proposal).toMatchObject({ kind: 'keyboardLike', location: '1a86:e026 /dev/hidraw3', evidence: 'boot keyboard (usage page 0x01, usage 0x06) "USB Keypad"' });
    expect(proposal?.kind === 'keyboardLike' && proposal.confirm).toMatch(/^keyboard-like \(barcode scanner wedge or evaluation pad\) — confirm by scanning/);
    const choices = proposal?.kind === 'keyboardLike' ? proposal.choices : [];
    expect(choices.map((choice) => choice.device)).toEqual(['barcodeScanner', 'evaluationPad']);
    for (const choice of choices) expect(() => asConfig(choice.fragment)).not.toThrow();
    expect(asConfig(choices[0]?.fragment ?? {}).barcodeScanner?.transport).toEqual({ type: 'hid', vendorId: 0x1a86, productId: 0xe026, mode: 'hidKeyboard', altCodes: 'unicode' });
  });

  it('leaves mice, vendor pages and devices without usage out', () => {
    expect(proposeHidBindings([MOUSE, { vendorId: 0x1234, productId: 0x5678 }, { vendorId: 1, productId: 2, usagePage: 0xff00, usage: 1 }])).toEqual([]);
  });
});

describe('proposeSerialBinding', () => {
  const probe = (found: SerialProbeResult['found']): SerialProbeResult => ({ path: '/dev/ttyUSB0', found, tried: [], durationMs: 1 });

  it.each([
    ['idCardReader', 115_200, { idCardReader: { transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115_200 } } }],
    ['receiptPrinter', 9600, { receiptPrinter: { transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 } } }],
    ['evaluationPad', 9600, { evaluationPad: { transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 9600, address: 1 } } }],
  ] as const)('%s at %d: a fragment the schema takes as is', (device, baudRate, fragment) => {
    const proposal = proposeSerialBinding(probe({ device, baudRate, evidence: 'x' }));
    expect(proposal?.fragment).toEqual(fragment);
    expect(asConfig(proposal?.fragment ?? {})).toMatchObject(fragment);
  });

  it('proposes nothing when nothing answered', () => {
    expect(proposeSerialBinding(probe(null))).toBeNull();
  });
});

/** A serialport binding whose ports fail to open with bindings-cpp's words. */
function listingBinding(ports: { path: string; pnpId?: string }[], openErrors: Readonly<Record<string, string>>): SerialBinding & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    list: () => Promise.resolve(ports),
    open: (options: SerialOpenOptions) => {
      opened.push(options.path);
      return Promise.reject(new Error(openErrors[options.path] ?? 'Error: No such file or directory, cannot open'));
    },
  };
}

describe('detectDevices', () => {
  it('probes the listed ports, skips the kiosk\'s own, and counts only real failures', async () => {
    const binding = listingBinding([{ path: '/dev/ttyS0' }, { path: '/dev/ttyS1' }, { path: '/dev/ttyUSB0' }, { path: '/dev/ttyUSB1' }], {
      '/dev/ttyS0': 'Error: Input/output error, cannot open /dev/ttyS0',
      '/dev/ttyS1': 'Error: Input/output error, cannot open /dev/ttyS1',
      '/dev/ttyUSB0': 'Error Resource temporarily unavailable Cannot lock port',
    });
    const hid = new FakeHidBinding();
    hid.addDevice(MIAXIS);

    const report = await detectDevices({ serialBinding: binding, hidBinding: hid, skipPorts: { '/dev/ttyUSB1': 'bound to the receipt printer' } });

    expect(report.serial.source).toBe('enumerated');
    expect(report.serial.skipped).toEqual([{ path: '/dev/ttyUSB1', reason: 'bound to the receipt printer' }]);
    expect(binding.opened).not.toContain('/dev/ttyUSB1');
    expect(report.serial.probes.map((p) => [p.path, p.errorKind])).toEqual([
      ['/dev/ttyS0', 'noHardware'],
      ['/dev/ttyS1', 'noHardware'],
      ['/dev/ttyUSB0', 'busy'],
    ]);
    // Legacy ttyS ports without a UART are not failures; a port in use is.
    expect(unprobedPorts(report).map((p) => p.path)).toEqual(['/dev/ttyUSB0']);
    expect(report.proposals.map((p) => p.kind === 'identified' && p.device)).toEqual(['idCardReader']);
  });

  it('named ports: probes exactly those, once each, and a missing one is a failure', async () => {
    const binding = listingBinding([{ path: '/dev/ttyS0' }], {});
    const report = await detectDevices({ ports: ['/tmp/none-1', '/tmp/none-1'], serialBinding: binding, isHidIncluded: false });
    expect(report.serial).toMatchObject({ source: 'named', skipped: [{ path: '/tmp/none-1', reason: 'same port as /tmp/none-1' }] });
    expect(binding.opened).toEqual(['/tmp/none-1']);
    expect(unprobedPorts(report).map((p) => p.errorKind)).toEqual(['noHardware']);
    expect(report.hid).toEqual({ isIncluded: false, devices: [], listError: null });
  });

  it('says why the ports cannot be listed', async () => {
    const binding: SerialBinding = {
      list: () => Promise.reject(Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' })),
      open: () => Promise.reject(new Error('not used')),
    };
    const report = await detectDevices({ serialBinding: binding, isHidIncluded: false });
    expect(report.serial.listError).toMatch(/udevadm is missing/);
    expect(report.serial.probes).toEqual([]);
  });
});
