/**
 * The citizen's identity for one session (issue #3): the card read by the reader lives here,
 * in main, and nowhere else. The renderer gets a masked view (R-P2); the full name crosses
 * once, for the citizen's own confirmation screen; everything is wiped when the session ends
 * (finish, idle timeout, return home) and the photo buffer is zeroed (R-P3). Nothing of the
 * card is ever logged.
 */
import createDebug from 'debug';
import { createHmac } from 'node:crypto';
import type { IdentityFailureReason, IdentityView, IdCardType, IpcResult, KioskEvents } from '../../ipc/contract.js';
import { hallTime } from '../clock.js';
import { maskIdNumber, maskName } from '../privacy/mask.js';
import type { TicketHolder } from '../queue/queue-service.js';
import type { SessionService } from '../session/session-service.js';
import type { CardRead, CardReadFailure, IdCardReaderPort } from './id-card-reader-port.js';

const debug = createDebug('kiosk:services:identity');

const CARD_TYPE_LABELS: Record<IdCardType, string> = {
  resident: '居民身份证',
  hkMacaoTaiwan: '港澳台居民居住证',
  foreignPermanent2017: '外国人永久居留身份证',
  foreignPermanent2023: '外国人永久居留身份证',
};

export const IDENTITY_MESSAGES: Record<IdentityFailureReason, string> = {
  cardMoved: '读卡未完成，请将证件平放在感应区，读卡完成前不要移动',
  expired: '您的证件已过期，请使用有效证件，或到人工窗口办理',
  unreadable: '无法识别该证件，请确认放置的是有效的身份证件',
  readerFault: '身份证阅读器暂时无法使用，请联系大厅工作人员',
};

const READER_UNAVAILABLE: IpcResult<never> = {
  ok: false,
  error: { code: 'unavailable', message: IDENTITY_MESSAGES.readerFault },
};

/** Whole years between a `YYYY-MM-DD` birth date and a `YYYY-MM-DD` day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface IdentityServiceOptions {
  readonly reader: IdCardReaderPort | null;
  readonly session: SessionService;
  readonly now: () => number;
  readonly timeZone: string;
  readonly priorityAge: number;
  /** Secret for the keyed hash that recognises a ticket holder without storing the number. */
  readonly holderKey: Uint8Array;
  readonly emit: <E extends 'identity.cardRead' | 'identity.cardRemoved' | 'identity.readFailed'>(event: E, payload: KioskEvents[E]) => void;
}

export class IdentityService {
  readonly #options: IdentityServiceOptions;
  #card: CardRead | null = null;
  #isNameRevealed = false;
  #isReading = false;
  #isTakenCardOnReader = false;

  constructor(options: IdentityServiceOptions) {
    this.#options = options;
    const { reader, session } = options;
    session.onWipe(() => this.forget());
    reader?.onCardRead((read) => this.#accept(read));
    reader?.onCardRemoved(() => {
      // On the card screens (reading) a removed card is gone from the journey too: the
      // citizen may be swapping cards. Once reading stopped, the journey keeps its card.
      if (this.#isReading) this.#forgetCard();
      // A card handed to an application is forgotten here but still lies on the reader: the
      // screen's 请取回身份证 reminder waits for this event.
      const wasTaken = this.#isTakenCardOnReader;
      this.#isTakenCardOnReader = false;
      if (this.#isReading || this.#card !== null || wasTaken) options.emit('identity.cardRemoved', {});
    });
    reader?.onReadFailed((reason: CardReadFailure) => {
      if (this.#isReading) options.emit('identity.readFailed', { reason, message: IDENTITY_MESSAGES[reason] });
    });
  }

  async startReading(): Promise<IpcResult<{ readonly isReading: true }>> {
    const { reader } = this.#options;
    if (reader === null) return READER_UNAVAILABLE;
    const started = await reader.startReading();
    if (!started.ok) {
      debug('cannot start reading: %s', started.error.message);
      return READER_UNAVAILABLE;
    }
    this.#isReading = true;
    return { ok: true, value: { isReading: true } };
  }

  stopReading(): void {
    this.#isReading = false;
    this.#options.reader?.stopReading();
  }

  /** The masked view of the card in the session, or null. */
  view(): IdentityView | null {
    const card = this.#card;
    if (card === null) return null;
    const { text } = card;
    const age = ageOn(text.birthDate, this.#today());
    return {
      cardType: text.cardType,
      cardTypeLabel: CARD_TYPE_LABELS[text.cardType],
      maskedName: maskName(text.name),
      maskedIdNumber: maskIdNumber(text.idNumber),
      genderLabel: text.gender.label,
      age,
      isPriority: age >= this.#options.priorityAge,
      validUntil: text.validUntil === 'longTerm' ? '长期' : text.validUntil,
    };
  }

  /** The full name once per card read (the citizen's own confirmation screen). */
  revealName(): IpcResult<{ readonly fullName: string }> {
    if (this.#card === null) return { ok: false, error: { code: 'unavailable', message: '请先将身份证放置在感应区' } };
    if (this.#isNameRevealed) return { ok: false, error: { code: 'unavailable', message: '姓名已显示过' } };
    this.#isNameRevealed = true;
    return { ok: true, value: { fullName: this.#card.text.name } };
  }

  /** The ticket holder for the card in the session (keyed hash, priority), or null. */
  holder(): TicketHolder | null {
    const view = this.view();
    if (this.#card === null || view === null) return null;
    const hash = createHmac('sha256', this.#options.holderKey).update(this.#card.text.idNumber).digest('base64url');
    return { hash, isPriority: view.isPriority };
  }

  /** The card holder as the platform adapter asks for "my cases"; null without a usable card. */
  platformHolder(): { readonly idNumber: string } | null {
    if (this.#card === null || this.view() === null) return null;
    return { idNumber: this.#card.text.idNumber };
  }

  /**
   * Hands the card's text to an application (applicant or 代办 agent) and forgets the card,
   * so the next card can be read; null without a usable card. The photo is not handed on
   * (R-P1: no item needs it) and is zeroed.
   */
  take(): { readonly name: string; readonly idNumber: string; readonly cardType: IdCardType; readonly view: IdentityView } | null {
    const card = this.#card;
    const view = this.view();
    if (card === null || view === null) return null;
    const taken = { name: card.text.name, idNumber: card.text.idNumber, cardType: card.text.cardType, view };
    this.forget();
    this.#isTakenCardOnReader = true;
    return taken;
  }

  /** Wipes the card: text dropped, photo bytes zeroed, reading stopped. */
  forget(): void {
    this.#isTakenCardOnReader = false;
    if (this.#isReading) this.stopReading();
    this.#forgetCard();
  }

  #today(): string {
    return hallTime(this.#options.now(), this.#options.timeZone).day;
  }

  #accept(read: CardRead): void {
    if (!this.#isReading) {
      read.photo.fill(0);
      return;
    }
    const { validUntil } = read.text;
    if (validUntil !== 'longTerm' && validUntil < this.#today()) {
      read.photo.fill(0);
      this.#options.emit('identity.readFailed', { reason: 'expired', message: IDENTITY_MESSAGES.expired });
      return;
    }
    this.#forgetCard();
    this.#card = read;
    const view = this.view();
    if (view !== null) this.#options.emit('identity.cardRead', view);
  }

  #forgetCard(): void {
    this.#card?.photo.fill(0);
    this.#card = null;
    this.#isNameRevealed = false;
  }
}
