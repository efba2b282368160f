import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CONFIG_FILE,
  DEFAULT_CONFIG,
  LAST_GOOD_CONFIG_FILE,
  loadTerminalConfig,
  parseConfigText,
} from '../../electron/services/config/terminal-config.js';
import { readerBinding } from '../../electron/services/devices/id-card-reader-adapter.js';
import { createIdCardReader } from '../../hardware/registry.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('terminal configuration', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('defaults to a simulated terminal when there is no file', () => {
    expect(loadTerminalConfig(dir.path)).toEqual({ ok: true, value: { config: DEFAULT_CONFIG, source: 'default', problems: [] } });
    expect(DEFAULT_CONFIG.devices.receiptPrinter).toBeUndefined();
    expect(DEFAULT_CONFIG.idle).toEqual({ timeoutSeconds: 60, countdownSeconds: 10 });
  });

  it('accepts a BOM and fills defaults', () => {
    const parsed = parseConfigText('\uFEFF{"version":1,"devices":{"receiptPrinter":{"transport":{"type":"serial","path":"/dev/ttyUSB0"}}}}');
    expect(parsed).toMatchObject({
      ok: true,
      value: { devices: { receiptPrinter: { transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 }, paperWidthMm: 80 } } },
    });
  });

  it('accepts a HID ID-card reader with ids as numbers or 0x hex, and the registry builds it', () => {
    const parsed = parseConfigText(
      JSON.stringify({
        version: 1,
        devices: { idCardReader: { transport: { type: 'hid', vendorId: '0x10C4', productId: 7, envelope: 'miaxis' } } },
      }),
    );
    expect(parsed).toMatchObject({
      ok: true,
      value: { devices: { idCardReader: { transport: { type: 'hid', vendorId: 0x10c4, productId: 7, envelope: 'miaxis' } } } },
    });
    if (!parsed.ok) return;
    // Built, not opened: node-hid loads only when the reader opens.
    const registered = createIdCardReader(readerBinding(parsed.value.devices.idCardReader));
    expect(registered.isSimulated).toBe(false);
    expect(registered.device.description).toBe('hid:10c4:0007');

    const byPath = parseConfigText(
      '{"version":1,"devices":{"idCardReader":{"transport":{"type":"hid","vendorId":4292,"productId":"0x0007","path":"/dev/hidraw3","envelope":"miaxis"}}}}',
    );
    expect(byPath.ok && createIdCardReader(readerBinding(byPath.value.devices.idCardReader)).device.description).toBe('hid:/dev/hidraw3');
  });

  it.each([
    ['empty file', '', /not valid JSON/u],
    ['truncated file', '{"version":1,"hall":{', /not valid JSON/u],
    ['comments', '{"version":1 // hall\n}', /not valid JSON/u],
    ['newer schema', '{"version":2}', /^version:/u],
    ['unknown key', '{"version":1,"colour":"red"}', /colour/u],
    ['baud rate as a port name', '{"version":1,"devices":{"receiptPrinter":{"transport":{"type":"serial","path":"COM3","baudRate":"COM3"}}}}', /devices\.receiptPrinter\.transport\.baudRate/u],
    ['baud rate 4000000', '{"version":1,"devices":{"receiptPrinter":{"transport":{"type":"serial","path":"/dev/ttyS0","baudRate":4000000}}}}', /baud rate must be one of/u],
    ['negative idle timeout', '{"version":1,"idle":{"timeoutSeconds":-5,"countdownSeconds":10}}', /idle\.timeoutSeconds/u],
    ['unknown time zone', '{"version":1,"timeZone":"Mars/Olympus"}', /time zone/u],
    ['bad terminal id', '{"version":1,"hall":{"name":"某某中心","terminalId":"../etc"}}', /hall\.terminalId/u],
    ['HID id in bare hex', '{"version":1,"devices":{"idCardReader":{"transport":{"type":"hid","vendorId":"10c4","productId":7,"envelope":"miaxis"}}}}', /devices\.idCardReader\.transport\.vendorId: a USB id/u],
    ['HID id above 0xFFFF', '{"version":1,"devices":{"idCardReader":{"transport":{"type":"hid","vendorId":65536,"productId":7,"envelope":"miaxis"}}}}', /vendorId: a USB id/u],
    ['HID reader without envelope', '{"version":1,"devices":{"idCardReader":{"transport":{"type":"hid","vendorId":4292,"productId":7}}}}', /devices\.idCardReader\.transport\.envelope/u],
    ['HID reader with an unknown envelope', '{"version":1,"devices":{"idCardReader":{"transport":{"type":"hid","vendorId":4292,"productId":7,"envelope":"synjones"}}}}', /envelope/u],
    ['lp printer name that is an option', '{"version":1,"devices":{"documentPrinter":{"transport":{"type":"lp","printer":"-oraw"}}}}', /devices\.documentPrinter\.transport\.printer: a CUPS queue name/u],
    ['lp printer without a name', '{"version":1,"devices":{"documentPrinter":{"transport":{"type":"lp"}}}}', /devices\.documentPrinter\.transport\.printer/u],
    ['document printer on a serial port', '{"version":1,"devices":{"documentPrinter":{"transport":{"type":"serial","path":"/dev/ttyS0"}}}}', /devices\.documentPrinter\.transport/u],
  ])('names the problem in a %s', (_name, text, expected) => {
    const parsed = parseConfigText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.join('\n')).toMatch(expected);
  });

  it('takes the A4 printer from the CUPS queue, simulated when not configured', () => {
    expect(DEFAULT_CONFIG.devices.documentPrinter).toBeUndefined();
    const parsed = parseConfigText('{"version":1,"devices":{"documentPrinter":{"transport":{"type":"lp","printer":"HP_LaserJet_M406@hall-2f"}}}}');
    expect(parsed).toMatchObject({ ok: true, value: { devices: { documentPrinter: { transport: { type: 'lp', printer: 'HP_LaserJet_M406@hall-2f' } } } } });
    expect(parseConfigText('{"version":1,"devices":{"documentPrinter":{"transport":{"type":"simulated"}}}}')).toMatchObject({ ok: true });
  });

  it('falls back to the last good copy when the file goes bad, and says why', () => {
    writeFileSync(path.join(dir.path, CONFIG_FILE), JSON.stringify({ version: 1, hall: { name: '赣榆区便民服务中心', terminalId: 'GY-01' } }));
    expect(loadTerminalConfig(dir.path)).toMatchObject({ ok: true, value: { source: 'file' } });
    expect(JSON.parse(readFileSync(path.join(dir.path, LAST_GOOD_CONFIG_FILE), 'utf8'))).toMatchObject({ hall: { terminalId: 'GY-01' } });

    writeFileSync(path.join(dir.path, CONFIG_FILE), '{"version":1,"hall":');
    const loaded = loadTerminalConfig(dir.path);
    expect(loaded).toMatchObject({ ok: true, value: { source: 'lastGood', config: { hall: { name: '赣榆区便民服务中心' } } } });
    expect(loaded.ok && loaded.value.problems[0]).toMatch(/config\.json: not valid JSON/u);
  });

  it('is unusable when the file is bad and no good copy exists', () => {
    writeFileSync(path.join(dir.path, CONFIG_FILE), '{"version":1,"idle":{"timeoutSeconds":"soon"}}');
    const loaded = loadTerminalConfig(dir.path);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error[0]).toMatch(/^config\.json: idle\.timeoutSeconds/u);
  });
});
