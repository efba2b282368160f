/**
 * 预约签到: an appointment found by its QR code or by the holder's ID card is checked in
 * inside its window (from `earlyMinutes` before the slot to `lateMinutes` after it starts),
 * and its ticket is issued in the lane the appointment gives (ahead of walk-ins; a booked
 * priority lane ahead of those). The ticket and the outbox record telling the platform are
 * one transaction; a second scan of the same code shows the same ticket again.
 */
import type { AppointmentView, CheckInWindow, IpcResult, TicketView } from '../../ipc/contract.js';
import { hallTime } from '../clock.js';
import type { AppointmentRecord, PlatformAdapter, PlatformHolder } from '../platform/platform-adapter.js';
import { maskName } from '../privacy/mask.js';
import { platformUnavailable } from '../progress/progress-service.js';
import type { QueueService } from '../queue/queue-service.js';
import type { TicketDesk } from '../queue/ticket-desk.js';
import type { SessionSubjects } from '../session/session-subjects.js';
import type { Outbox } from '../sync/outbox.js';

export interface CheckInRules {
  readonly earlyMinutes: number;
  readonly lateMinutes: number;
}

export interface CheckInServiceOptions {
  readonly adapter: PlatformAdapter;
  readonly subjects: SessionSubjects;
  readonly desk: TicketDesk;
  readonly queue: QueueService;
  readonly outbox: Outbox;
  /** Wakes the sync worker after a commit. */
  readonly onOutboxChanged: () => void;
  readonly rules: CheckInRules;
  readonly terminalId: string;
  readonly timeZone: string;
  readonly now: () => number;
}

const MINUTE_MS = 60_000;

/** `HH:mm` of an ISO time in the hall's zone. */
function clockTime(epochMs: number, timeZone: string): string {
  return hallTime(epochMs, timeZone).display.slice(11, 16);
}

/**
 * Whether `record` can be checked in at `now`, with the rule in plain words. Pure, for the
 * screen and for the check-in itself.
 */
export function checkInWindow(record: AppointmentRecord, now: number, rules: CheckInRules, timeZone: string, localTicket: string | null): CheckInWindow {
  const start = Date.parse(record.slotStart);
  const end = Date.parse(record.slotEnd);
  const slot = `${clockTime(start, timeZone)}–${clockTime(end, timeZone)}`;
  if (localTicket !== null || record.status === 'checkedIn') {
    return { state: 'checkedIn', message: localTicket === null ? '该预约已签到，请留意叫号' : `该预约已签到，您的号码是 ${localTicket}` };
  }
  if (record.status === 'cancelled') return { state: 'cancelled', message: '该预约已取消，如需办理请重新预约或现场取号' };
  const slotDay = hallTime(start, timeZone).day;
  if (slotDay !== hallTime(now, timeZone).day) {
    const [, month, day] = slotDay.split('-');
    return { state: 'otherDay', message: `您的预约时间为 ${Number(month)}月${Number(day)}日 ${slot}，请在预约当天签到` };
  }
  const opensAt = start - rules.earlyMinutes * MINUTE_MS;
  const closesAt = start + rules.lateMinutes * MINUTE_MS;
  if (now < opensAt) return { state: 'early', message: `预约时段为 ${slot}，请于 ${clockTime(opensAt, timeZone)} 后签到` };
  if (now > closesAt) {
    return { state: 'late', message: `已超过签到时间（${clockTime(closesAt, timeZone)} 前），请现场取号或重新预约` };
  }
  return { state: 'open', message: `预约时段为 ${slot}，现在可以签到` };
}

export class CheckInService {
  readonly #options: CheckInServiceOptions;

  constructor(options: CheckInServiceOptions) {
    this.#options = options;
  }

  async lookup(code: string, verifier: string): Promise<IpcResult<AppointmentView>> {
    const found = await this.#options.adapter.findAppointment(code, verifier);
    if (!found.ok) return platformUnavailable(found.error, '预约查询');
    if (found.value === null) return { ok: false, error: { code: 'notFound', message: '未查询到该预约，请核对预约信息后重试' } };
    this.#options.subjects.appointments.set(found.value.code, found.value);
    return { ok: true, value: this.#view(found.value) };
  }

  async listByHolder(holder: PlatformHolder): Promise<IpcResult<{ readonly appointments: readonly AppointmentView[] }>> {
    const today = hallTime(this.#options.now(), this.#options.timeZone).day;
    const found = await this.#options.adapter.appointmentsOfHolder(holder, today);
    if (!found.ok) return platformUnavailable(found.error, '预约查询');
    for (const record of found.value) this.#options.subjects.appointments.set(record.code, record);
    return { ok: true, value: { appointments: found.value.map((record) => this.#view(record)) } };
  }

  async checkIn(code: string): Promise<IpcResult<{ readonly appointment: AppointmentView; readonly ticket: TicketView }>> {
    const { subjects, desk, outbox, terminalId } = this.#options;
    const record = subjects.appointments.get(code);
    if (record === undefined) return { ok: false, error: { code: 'unavailable', message: '请先扫描预约二维码或刷身份证查询预约' } };
    const localTicket = this.#localTicket(code);
    const window = this.#window(record, localTicket);
    // Open, or already checked in here (the same ticket is shown again); anything else is refused.
    if (window.state !== 'open' && (window.state !== 'checkedIn' || localTicket === null)) {
      return { ok: false, error: { code: 'unavailable', message: window.message } };
    }
    const taken = await desk.take(record.categoryId, null, {
      appointment: { code: record.code, lane: record.lane },
      maskedName: maskName(record.applicantName),
      onIssued: (ticket) => {
        outbox.add('checkIn', {
          appointmentCode: record.code,
          ticketNumber: ticket.ticketNumber,
          terminalId,
          checkedInAt: ticket.issuedAt.iso,
        });
      },
    });
    if (!taken.ok) return taken;
    this.#options.onOutboxChanged();
    subjects.lastTicketNumber = taken.value.ticketNumber;
    return { ok: true, value: { appointment: this.#view(record), ticket: taken.value } };
  }

  #localTicket(code: string): string | null {
    return this.#options.queue.appointmentTicketNumber(code);
  }

  #window(record: AppointmentRecord, localTicket = this.#localTicket(record.code)): CheckInWindow {
    const { now, rules, timeZone } = this.#options;
    return checkInWindow(record, now(), rules, timeZone, localTicket);
  }

  #view(record: AppointmentRecord): AppointmentView {
    const { timeZone, queue } = this.#options;
    const start = Date.parse(record.slotStart);
    const ticketNumber = this.#localTicket(record.code);
    return {
      code: record.code,
      categoryId: record.categoryId,
      categoryName: queue.categoryName(record.categoryId) ?? record.categoryId,
      itemName: record.itemName,
      applicantMaskedName: maskName(record.applicantName),
      day: hallTime(start, timeZone).day,
      slotStart: clockTime(start, timeZone),
      slotEnd: clockTime(Date.parse(record.slotEnd), timeZone),
      window: this.#window(record, ticketNumber),
      ticketNumber,
    };
  }
}
