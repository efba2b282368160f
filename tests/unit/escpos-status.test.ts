import { describe, expect, it } from 'vitest';
import {
  PRINTER_STATUS_OK,
  decodeAsb,
  decodeErrorCauseByte,
  decodeOfflineCauseByte,
  decodePrinterStatusByte,
  decodeRealtimeStatus,
  decodeRollPaperByte,
  encodeAsb,
  encodePaperSensorStatus,
  encodeRealtimeStatus,
  isAsbHeaderByte,
  isAsbTailByte,
  isRealtimeStatusByte,
  type PrinterCondition,
} from '../../hardware/protocols/escpos/status.js';

const CONDITION_OK: PrinterCondition = { paper: 'ok', coverOpen: false, cutterError: false, online: true };

describe('DLE EOT replies (protocols.md §2.4)', () => {
  it.each([
    [0x12, 'ok'],
    [0x1e, 'nearEnd'],
    [0x72, 'empty'],
    [0x7e, 'empty'],
  ] as const)('DLE EOT 4 typical value %s → paper %s', (byte, paper) => {
    expect(isRealtimeStatusByte(byte)).toBe(true);
    expect(decodeRollPaperByte(byte)).toBe(paper);
  });

  it('decodes every bit of n=1', () => {
    expect(decodePrinterStatusByte(0x12)).toEqual({
      drawerPin3High: false,
      offline: false,
      waitingForRecovery: false,
      feedButtonPressed: false,
    });
    expect(decodePrinterStatusByte(0x12 | 0x04).drawerPin3High).toBe(true);
    expect(decodePrinterStatusByte(0x12 | 0x08).offline).toBe(true);
    expect(decodePrinterStatusByte(0x12 | 0x20).waitingForRecovery).toBe(true);
    expect(decodePrinterStatusByte(0x12 | 0x40).feedButtonPressed).toBe(true);
  });

  it('decodes every bit of n=2 and n=3', () => {
    expect(decodeOfflineCauseByte(0x12 | 0x04).coverOpen).toBe(true);
    expect(decodeOfflineCauseByte(0x12 | 0x08).feedingByButton).toBe(true);
    expect(decodeOfflineCauseByte(0x12 | 0x20).stoppedByPaperEnd).toBe(true);
    expect(decodeOfflineCauseByte(0x12 | 0x40).errorOccurred).toBe(true);
    expect(decodeErrorCauseByte(0x12 | 0x04).recoverableError).toBe(true);
    expect(decodeErrorCauseByte(0x12 | 0x08).cutterError).toBe(true);
    expect(decodeErrorCauseByte(0x12 | 0x20).unrecoverableError).toBe(true);
    expect(decodeErrorCauseByte(0x12 | 0x40).autoRecoverableError).toBe(true);
    expect(decodeErrorCauseByte(0x12)).toEqual({
      recoverableError: false,
      cutterError: false,
      unrecoverableError: false,
      autoRecoverableError: false,
    });
  });

  it('combines the four replies', () => {
    expect(decodeRealtimeStatus({ 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 })).toEqual(PRINTER_STATUS_OK);
    expect(decodeRealtimeStatus({ 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x72 })).toEqual({
      ...PRINTER_STATUS_OK,
      online: false,
      paper: 'empty',
    });
    expect(decodeRealtimeStatus({ 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 })).toMatchObject({
      online: false,
      coverOpen: true,
    });
    expect(decodeRealtimeStatus({ 1: 0x1a, 2: 0x52, 3: 0x1a, 4: 0x12 })).toMatchObject({
      online: false,
      cutterError: true,
    });
  });

  it('encodes the same table it decodes (simulator side)', () => {
    expect(encodeRealtimeStatus(4, CONDITION_OK)).toBe(0x12);
    expect(encodeRealtimeStatus(4, { ...CONDITION_OK, paper: 'nearEnd' })).toBe(0x1e);
    expect(encodeRealtimeStatus(4, { ...CONDITION_OK, paper: 'empty' })).toBe(0x72);
    expect(encodeRealtimeStatus(1, { ...CONDITION_OK, paper: 'empty' })).toBe(0x1a);
    expect(encodeRealtimeStatus(2, { ...CONDITION_OK, paper: 'empty' })).toBe(0x32);
    expect(encodeRealtimeStatus(2, { ...CONDITION_OK, coverOpen: true })).toBe(0x16);
    expect(encodeRealtimeStatus(3, { ...CONDITION_OK, cutterError: true })).toBe(0x1a);
    for (const condition of [
      CONDITION_OK,
      { ...CONDITION_OK, paper: 'nearEnd' },
      { ...CONDITION_OK, paper: 'empty' },
      { ...CONDITION_OK, coverOpen: true },
      { ...CONDITION_OK, cutterError: true },
      { ...CONDITION_OK, online: false },
    ] satisfies PrinterCondition[]) {
      const replies = {
        1: encodeRealtimeStatus(1, condition),
        2: encodeRealtimeStatus(2, condition),
        3: encodeRealtimeStatus(3, condition),
        4: encodeRealtimeStatus(4, condition),
      };
      for (const byte of Object.values(replies)) expect(isRealtimeStatusByte(byte)).toBe(true);
      const status = decodeRealtimeStatus(replies);
      expect(status.paper).toBe(condition.paper);
      expect(status.coverOpen).toBe(condition.coverOpen);
      expect(status.cutterError).toBe(condition.cutterError);
      expect(status.online).toBe(
        condition.online && !condition.coverOpen && condition.paper !== 'empty' && !condition.cutterError,
      );
      expect(decodeAsb(encodeAsb(condition))).toEqual(status);
    }
  });

  it('classifies bytes by pattern', () => {
    expect(isRealtimeStatusByte(0x12)).toBe(true);
    expect(isRealtimeStatusByte(0x10)).toBe(false);
    expect(isAsbHeaderByte(0x10)).toBe(true);
    expect(isAsbHeaderByte(0x38)).toBe(true);
    expect(isAsbHeaderByte(0x12)).toBe(false);
    expect(isAsbTailByte(0x0f)).toBe(true);
    expect(isAsbTailByte(0x10)).toBe(false);
    expect(isAsbTailByte(0x80)).toBe(false);
  });
});

describe('ASB (protocols.md §2.4)', () => {
  it('decodes a 4-byte block', () => {
    expect(decodeAsb(Uint8Array.of(0x10, 0, 0, 0))).toEqual(PRINTER_STATUS_OK);
    expect(decodeAsb(Uint8Array.of(0x38, 0, 0, 0))).toMatchObject({ online: false, coverOpen: true });
    expect(decodeAsb(Uint8Array.of(0x18, 0x08, 0, 0))).toMatchObject({ online: false, cutterError: true });
    expect(decodeAsb(Uint8Array.of(0x10, 0, 0x03, 0))).toMatchObject({ paper: 'nearEnd' });
    expect(decodeAsb(Uint8Array.of(0x18, 0, 0x0c, 0))).toMatchObject({ online: false, paper: 'empty' });
    expect(decodeAsb(Uint8Array.of(0x10, 0x41, 0, 0))).toMatchObject({
      waitingForRecovery: true,
      autoRecoverableError: true,
    });
  });

  it('rejects wrong lengths and headers', () => {
    expect(decodeAsb(Uint8Array.of(0x10, 0, 0))).toBeUndefined();
    expect(decodeAsb(Uint8Array.of(0x12, 0, 0, 0))).toBeUndefined();
  });

  it('encodes GS r 1 paper-sensor replies as 0xx0xxxx', () => {
    expect(encodePaperSensorStatus(CONDITION_OK)).toBe(0x00);
    expect(encodePaperSensorStatus({ ...CONDITION_OK, paper: 'nearEnd' })).toBe(0x03);
    expect(encodePaperSensorStatus({ ...CONDITION_OK, paper: 'empty' })).toBe(0x0c);
  });
});
