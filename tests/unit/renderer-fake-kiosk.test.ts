import { describe, expect, it } from 'vitest';
import { createFakeKiosk, fakeQrPath, toHallIso } from '../../renderer/api/fake-kiosk';

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
