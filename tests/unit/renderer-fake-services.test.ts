/**
 * The fake core's scanning, progress, appointments and evaluation
 * (renderer/api/fake-kiosk-services.ts): the renderer's tests and the dev build rely on it
 * behaving like the core in the ways the screens can see.
 */
import { describe, expect, it } from 'vitest';
import type { KioskEvents } from '../../electron/ipc/contract';
import { FAKE_STATUS, createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { FAKE_SAMPLE_CODES, classifyScan, receiptCode } from '../../renderer/api/fake-kiosk-services';

const MORNING = Date.UTC(2025, 10, 24, 1, 30, 0);

describe('fake scan classification', () => {
  it('recognises our receipts and appointments only', () => {
    expect(classifyScan(receiptCode('ZW20251118000123', 'K7M2Q9'))).toEqual({
      kind: 'receipt',
      caseNumber: 'ZW20251118000123',
      verifier: 'K7M2Q9',
    });
    expect(classifyScan('https://zwfw.lyg.gov.cn/appointment?no=YY20251124000101&v=A4F7K2')).toMatchObject({ kind: 'appointment' });
    const reasons = [
      'javascript:alert(1)',
      'https://zwfw.lyg.gov.cn/progress?case=ZW20251118000123&v=K7M2Q9\u202e',
      'https://example.com/progress?case=ZW20251118000123&v=K7M2Q9',
      'https://user@zwfw.lyg.gov.cn/progress?case=ZW20251118000123&v=K7M2Q9',
      '6901234567892',
      'A'.repeat(3000),
      'ab\ufffdcd',
    ].map((text) => {
      const result = classifyScan(text);
      return result.kind === 'refused' ? result.reason : result.kind;
    });
    expect(reasons).toEqual(['unsafe', 'unsafe', 'otherHost', 'otherHost', 'unknownFormat', 'tooLong', 'garbled']);
  });
});

describe('fake scanner', () => {
  it('emits scan.scanned only while scanning, for the device and for the keyboard guard', async () => {
    const { kiosk, control } = createFakeKiosk();
    const events: KioskEvents['scan.scanned'][] = [];
    kiosk.on('scan.scanned', (result) => events.push(result));
    await kiosk.dev.scan({ text: FAKE_SAMPLE_CODES[0]?.text ?? '' });
    expect(events).toEqual([]);
    await kiosk.scan.start({});
    expect(control.isScanning()).toBe(true);
    await kiosk.dev.scan({ text: 'javascript:alert(1)' });
    const submitted = await kiosk.scan.submitText({ text: receiptCode('ZW20251105000087', 'P3X8D4') });
    expect(submitted).toMatchObject({ ok: true, value: { kind: 'receipt' } });
    await kiosk.scan.stop({});
    control.scan(receiptCode('ZW20251105000087', 'P3X8D4'));
    expect(events.map((e) => e.kind)).toEqual(['refused', 'receipt']);
  });

  it('refuses the dev methods for a real scanner', async () => {
    const { kiosk } = createFakeKiosk({
      status: { devices: FAKE_STATUS.devices.map((d) => (d.kind === 'barcodeScanner' ? { ...d, isSimulated: false } : d)) },
    });
    expect(await kiosk.dev.listSampleCodes({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await kiosk.dev.scan({ text: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('fake progress and appointments', () => {
  it('needs the card in the session for the card’s lists', async () => {
    const { kiosk, control } = createFakeKiosk({ now: () => MORNING, cardReadDelayMs: 0 });
    expect(await kiosk.progress.listByIdCard({})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await kiosk.identity.startReading({});
    await control.presentCard('elder');
    const cases = await kiosk.progress.listByIdCard({});
    expect(cases.ok && cases.value.cases.map((c) => c.statusLabel)).toEqual(['已提交']);
    const appointments = await kiosk.appointment.listByIdCard({});
    expect(appointments.ok && appointments.value.appointments.map((a) => a.window.state)).toEqual(['late', 'checkedIn']);
  });

  it('checks in only an open appointment looked up in this session, once', async () => {
    const { kiosk } = createFakeKiosk({ now: () => MORNING });
    await kiosk.session.begin({});
    expect(await kiosk.appointment.checkIn({ code: 'YY20251124000101' })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    await kiosk.appointment.lookup({ code: 'YY20251124000101', verifier: 'A4F7K2' });
    const checkedIn = await kiosk.appointment.checkIn({ code: 'YY20251124000101' });
    expect(checkedIn.ok && checkedIn.value.ticket.ticketNumber).toBe('A001');
    const again = await kiosk.appointment.checkIn({ code: 'YY20251124000101' });
    expect(again).toMatchObject({ ok: false, error: { code: 'unavailable', message: '您已签到，号码 A001，请留意叫号' } });
    await kiosk.session.end({ reason: 'finished' });
    expect(await kiosk.appointment.checkIn({ code: 'YY20251124000101' })).toMatchObject({ ok: false, error: { code: 'notFound' } });
  });

  it('answers with the platform error while one is set, and out of service', async () => {
    const { kiosk, control } = createFakeKiosk();
    control.setPlatformError({ code: 'unavailable', message: '办件查询服务暂时无法连接，请稍后再试' });
    expect(await kiosk.progress.lookup({ caseNumber: 'ZW20251118000123', verifier: 'K7M2Q9' })).toMatchObject({ ok: false });
    control.setPlatformError(null);
    control.setOutOfService('维护中');
    expect(await kiosk.progress.lookup({ caseNumber: 'ZW20251118000123', verifier: 'K7M2Q9' })).toMatchObject({
      ok: false,
      error: { code: 'outOfService' },
    });
  });
});

describe('fake evaluation', () => {
  it('takes one answer per prompt and refuses a low level without a reason', async () => {
    const { kiosk, control } = createFakeKiosk();
    const begun = await kiosk.evaluation.begin({ journey: 'guide' });
    if (!begun.ok) throw new Error('begin failed');
    const { promptId } = begun.value;
    expect(await kiosk.evaluation.submit({ promptId, level: 1, reasons: [] })).toMatchObject({ ok: false, error: { code: 'invalidArgument' } });
    expect(await kiosk.evaluation.submit({ promptId, level: 2, reasons: ['等候时间过长'] })).toEqual({
      ok: true,
      value: { recorded: true, isFollowUp: false },
    });
    expect(await kiosk.evaluation.decline({ promptId, why: 'timeout' })).toMatchObject({ ok: false });
    expect(control.evaluations()).toEqual([
      { journey: 'guide', caseNumber: null, outcome: { kind: 'rated', level: 2, reasons: ['等候时间过长'], phone: null } },
    ]);
  });
});
