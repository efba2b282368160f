/**
 * What the current citizen has looked at in this session, so later calls can only act on
 * it: an appointment is checked in only after it was looked up with its verification code or
 * found by the holder's ID card; an evaluation binds to a case or ticket of this session,
 * never to a number the renderer names on its own. Wiped with the session (R-P3).
 */
import type { AppointmentRecord } from '../platform/platform-adapter.js';
import type { SessionService } from './session-service.js';

export class SessionSubjects {
  /** Case numbers shown in this session, in the order they were shown. */
  readonly cases: string[] = [];
  readonly appointments = new Map<string, AppointmentRecord>();
  /** The last ticket issued or shown in this session (取号 or 签到). */
  lastTicketNumber: string | null = null;

  constructor(session: SessionService) {
    session.onWipe(() => this.clear());
  }

  addCase(caseNumber: string): void {
    if (!this.cases.includes(caseNumber)) this.cases.push(caseNumber);
  }

  clear(): void {
    this.cases.length = 0;
    this.appointments.clear();
    this.lastTicketNumber = null;
  }
}
