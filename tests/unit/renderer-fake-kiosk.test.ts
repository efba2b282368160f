import { describe, expect, it } from 'vitest';
import type { KioskEvents } from '../../electron/ipc/contract';
import { FAKE_SPECIMENS, FAKE_STATUS, createFakeKiosk, fakeQrPath, toHallIso } from '../../renderer/api/fake-kiosk';

describe('fake kiosk', () => {
  it('lists six categories with distinct letters', async () => {
    const { kiosk } = createFakeKiosk();
    const result = await kiosk.queue.listCategories({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(6);
    expect(new Set(result.value.map((c) => c.prefix)).size).toBe(6);
  });

  it('numbers tickets per category, counts the people ahead and reports the new count', async () => {
    const { kiosk, control } = createFakeKiosk({ now: () => Date.UTC(2025, 0, 2, 0, 0, 0) });
    const events: unknown[] = [];
    kiosk.on('queue.waitingChanged', (payload) => events.push(payload));
    const first = await kiosk.queue.takeTicket({ categoryId: 'enterprise' });
    const second = await kiosk.queue.takeTicket({ categoryId: 'enterprise' });
    expect(first.ok && first.value).toMatchObject({ ticketNumber: 'B001', waitingAhead: 5, issuedAt: '2025-01-02T08:00:00+08:00' });
    expect(second.ok && second.value).toMatchObject({ ticketNumber: 'B002', waitingAhead: 6 });
    expect(events).toEqual([
      { categoryId: 'enterprise', waitingCount: 6 },
      { categoryId: 'enterprise', waitingCount: 7 },
    ]);
    expect(control.calls.map((c) => c.method)).toEqual(['queue.takeTicket', 'queue.takeTicket']);
  });

  it('reports an unknown category, a print failure, a forced error and out of service', async () => {
    const { kiosk, control } = createFakeKiosk();
    expect(await kiosk.queue.takeTicket({ categoryId: 'nope' })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    control.setPrintFailure('打印机缺纸');
    const failed = await kiosk.queue.takeTicket({ categoryId: 'tax' });
    expect(failed.ok && failed.value.print).toEqual({ status: 'failed', reason: '打印机缺纸' });
    control.setTakeTicketError({ code: 'unavailable', message: '已停止取号' });
    expect(await kiosk.queue.takeTicket({ categoryId: 'tax' })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: '已停止取号' },
    });
    control.setTakeTicketError(null);
    control.setOutOfService('维护中');
    expect(await kiosk.queue.takeTicket({ categoryId: 'tax' })).toMatchObject({ ok: false, error: { code: 'outOfService' } });
    expect((await kiosk.system.getStatus({})).ok).toBe(true);
  });

  it('records sessions', async () => {
    const { kiosk, control } = createFakeKiosk();
    expect(await kiosk.session.begin({})).toEqual({ ok: true, value: { sessionId: 'fake-session-1' } });
    expect(await kiosk.session.end({ reason: 'idleTimeout' })).toEqual({ ok: true, value: { wiped: true } });
    expect(control.calls).toEqual([
      { method: 'session.begin', arg: {} },
      { method: 'session.end', arg: { reason: 'idleTimeout' } },
    ]);
  });

  it('unsubscribes', () => {
    const { kiosk, control } = createFakeKiosk();
    const off = kiosk.on('system.statusChanged', () => undefined);
    expect(control.listenerCount('system.statusChanged')).toBe(1);
    off();
    expect(control.listenerCount('system.statusChanged')).toBe(0);
  });

  it('draws QR-like path data: finder patterns, only grid moves, deterministic', () => {
    const path = fakeQrPath('payload', 25);
    expect(path).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/u);
    expect(path.startsWith('M0 0h7v1h-7z')).toBe(true);
    expect(fakeQrPath('payload', 25)).toBe(path);
    expect(fakeQrPath('other', 25)).not.toBe(path);
  });

  it('writes hall time with its offset', () => {
    expect(toHallIso(Date.UTC(2025, 11, 31, 16, 30, 0), 480)).toBe('2026-01-01T00:30:00+08:00');
    expect(toHallIso(Date.UTC(2025, 0, 1, 0, 0, 0), -150)).toBe('2024-12-31T21:30:00-02:30');
  });
});

describe('fake kiosk: simulated ID card reader', () => {
  function withEvents() {
    const fake = createFakeKiosk({ cardReadDelayMs: 0 });
    const events: Array<{ event: string; payload: unknown }> = [];
    for (const event of ['identity.cardRead', 'identity.cardRemoved', 'identity.readFailed'] as const) {
      fake.kiosk.on(event, (payload: KioskEvents[typeof event]) => events.push({ event, payload }));
    }
    return { ...fake, events };
  }

  it('reports an optional, simulated reader that is online', () => {
    const { control } = createFakeKiosk();
    expect(control.status().ticketIdentification).toBe('optional');
    expect(control.status().devices).toContainEqual(
      expect.objectContaining({ kind: 'idCardReader', isSimulated: true, state: 'online' }),
    );
  });

  it('lists the specimens by id and label only', async () => {
    const { kiosk } = createFakeKiosk();
    const result = await kiosk.dev.listSpecimenCards({});
    expect(result.ok && result.value).toEqual(FAKE_SPECIMENS.map(({ id, label }) => ({ id, label })));
    expect(JSON.stringify(result)).not.toContain('张建国');
  });

  it('reads a presented card only while reading, masked, and gives the full name once', async () => {
    const { kiosk, events } = withEvents();
    await kiosk.dev.presentCard({ specimenId: 'elder' });
    await Promise.resolve();
    expect(events).toEqual([]);
    await kiosk.identity.startReading({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: 'identity.cardRead',
      payload: { maskedName: '张**', maskedIdNumber: '3207**********1234', isPriority: true, age: 76 },
    });
    // Nothing but the masked view crosses in the event (R-P2).
    expect(JSON.stringify(events)).not.toContain('张建国');
    expect(await kiosk.identity.revealName({})).toEqual({ ok: true, value: { fullName: '张建国' } });
    expect(await kiosk.identity.revealName({})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('takes its time to read, and a card taken away meanwhile is not read', async () => {
    const waits: Array<() => void> = [];
    const { kiosk, control } = createFakeKiosk({
      wait: () => new Promise<void>((resolve) => waits.push(resolve)),
    });
    const read: unknown[] = [];
    kiosk.on('identity.cardRead', (view) => read.push(view));
    await kiosk.identity.startReading({});
    const presented = control.presentCard('resident');
    control.removeCard();
    waits.forEach((resolve) => resolve());
    await presented;
    expect(read).toEqual([]);
  });

  it('fails an expired card and one that moved, with their Chinese messages', async () => {
    const { kiosk, control, events } = withEvents();
    await kiosk.identity.startReading({});
    await control.presentCard('expired');
    await control.presentCard('moved');
    expect(events.map((e) => e.payload)).toEqual([
      { reason: 'expired', message: '证件已过期，请使用有效证件' },
      { reason: 'cardMoved', message: '请不要移动身份证，平放在感应区等待读取' },
    ]);
    expect(await kiosk.identity.revealName({})).toMatchObject({ ok: false });
  });

  it('wipes the card from the session when it is taken away', async () => {
    const { kiosk, control, events } = withEvents();
    await kiosk.identity.startReading({});
    await control.presentCard('resident');
    await kiosk.dev.removeCard({});
    expect(events.map((e) => e.event)).toEqual(['identity.cardRead', 'identity.cardRemoved']);
    expect(await kiosk.queue.takeTicketByIdCard({ categoryId: 'general' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('gives one ticket per holder and category a day: the second try returns it unprinted', async () => {
    const { kiosk, control } = createFakeKiosk({ cardReadDelayMs: 0 });
    await kiosk.identity.startReading({});
    await control.presentCard('elder');
    const first = await kiosk.queue.takeTicketByIdCard({ categoryId: 'general' });
    expect(first.ok && first.value).toMatchObject({
      ticketNumber: 'A001',
      isPriority: true,
      holderMaskedName: '张**',
      isExisting: false,
      print: { status: 'printed' },
    });
    const again = await kiosk.queue.takeTicketByIdCard({ categoryId: 'general' });
    expect(again.ok && again.value).toMatchObject({ ticketNumber: 'A001', isExisting: true, print: { status: 'notPrinted' } });
    const other = await kiosk.queue.takeTicketByIdCard({ categoryId: 'tax' });
    expect(other.ok && other.value).toMatchObject({ ticketNumber: 'E001', isExisting: false });
    // Without a card, tickets are not tied to anybody.
    const direct = await kiosk.queue.takeTicket({ categoryId: 'general' });
    expect(direct.ok && direct.value).toMatchObject({ ticketNumber: 'A002', holderMaskedName: null, isPriority: false });
  });

  it('reprints a known ticket, honouring a print failure', async () => {
    const { kiosk, control } = createFakeKiosk();
    await kiosk.queue.takeTicket({ categoryId: 'general' });
    expect(await kiosk.queue.reprintTicket({ ticketNumber: 'A001' })).toEqual({ ok: true, value: { print: { status: 'printed' } } });
    control.setPrintFailure('打印机缺纸');
    expect(await kiosk.queue.reprintTicket({ ticketNumber: 'A001' })).toEqual({
      ok: true,
      value: { print: { status: 'failed', reason: '打印机缺纸' } },
    });
    expect(await kiosk.queue.reprintTicket({ ticketNumber: 'Z999' })).toMatchObject({ ok: false, error: { code: 'notFound' } });
  });

  it('refuses the dev methods unless the reader is simulated', async () => {
    const { kiosk } = createFakeKiosk({
      status: { devices: FAKE_STATUS.devices.map((d) => ({ ...d, isSimulated: false })) },
    });
    for (const result of [
      await kiosk.dev.listSpecimenCards({}),
      await kiosk.dev.presentCard({ specimenId: 'elder' }),
      await kiosk.dev.removeCard({}),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('cannot start reading with the reader offline, and reports the change', async () => {
    const { kiosk, control } = createFakeKiosk();
    const states: string[] = [];
    kiosk.on('system.statusChanged', (s) => states.push(s.devices.find((d) => d.kind === 'idCardReader')?.state ?? ''));
    control.setReaderState('offline');
    expect(states).toEqual(['offline']);
    expect(await kiosk.identity.startReading({})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(control.isReading()).toBe(false);
    control.setReaderState('online');
    expect(await kiosk.identity.startReading({})).toEqual({ ok: true, value: { isReading: true } });
    expect(await kiosk.identity.stopReading({})).toEqual({ ok: true, value: { isReading: false } });
    expect(control.isReading()).toBe(false);
  });
});
