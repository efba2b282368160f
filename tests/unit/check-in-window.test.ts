import { describe, expect, it } from 'vitest';
import { checkInWindow } from '../../electron/services/appointments/check-in-service.js';
import type { AppointmentRecord } from '../../electron/services/platform/platform-adapter.js';

const RULES = { earlyMinutes: 30, lateMinutes: 15 };
const TZ = 'Asia/Shanghai';
const at = (hhmm: string, day = '2026-11-24'): number => Date.parse(`${day}T${hhmm}:00+08:00`);
const RECORD: AppointmentRecord = {
  code: 'YY202611240001',
  categoryId: 'general',
  itemName: null,
  applicantName: '测试样本一',
  slotStart: '2026-11-24T10:00:00+08:00',
  slotEnd: '2026-11-24T10:30:00+08:00',
  status: 'booked',
  lane: 'appointment',
};

describe('checkInWindow', () => {
  it.each([
    ['09:29', 'early', '预约时段为 10:00–10:30，请于 09:30 后签到'],
    ['09:30', 'open', '预约时段为 10:00–10:30，现在可以签到'],
    ['10:15', 'open', '预约时段为 10:00–10:30，现在可以签到'],
    ['10:16', 'late', '已超过签到时间（10:15 前），请现场取号或重新预约'],
  ])('at %s the window is %s', (time, state, message) => {
    expect(checkInWindow(RECORD, at(time), RULES, TZ, null)).toEqual({ state, message });
  });

  it('names another day plainly', () => {
    expect(checkInWindow(RECORD, at('10:00', '2026-11-23'), RULES, TZ, null)).toEqual({
      state: 'otherDay',
      message: '您的预约时间为 11月24日 10:00–10:30，请在预约当天签到',
    });
  });

  it('shows a checked-in appointment’s ticket, and a cancelled one as cancelled', () => {
    expect(checkInWindow(RECORD, at('10:00'), RULES, TZ, 'A003')).toMatchObject({ state: 'checkedIn', message: '该预约已签到，您的号码是 A003' });
    expect(checkInWindow({ ...RECORD, status: 'checkedIn' }, at('10:00'), RULES, TZ, null)).toMatchObject({ state: 'checkedIn' });
    expect(checkInWindow({ ...RECORD, status: 'cancelled' }, at('10:00'), RULES, TZ, null)).toMatchObject({ state: 'cancelled' });
  });

  it('reads slots written with another offset in the hall’s zone', () => {
    const utc = { ...RECORD, slotStart: '2026-11-24T02:00:00Z', slotEnd: '2026-11-24T02:30:00Z' };
    expect(checkInWindow(utc, at('09:45'), RULES, TZ, null)).toMatchObject({ state: 'open', message: '预约时段为 10:00–10:30，现在可以签到' });
  });
});
