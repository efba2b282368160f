/**
 * The queue ticket (号票) as a receipt document: hall, number, category, people ahead, time,
 * terminal and a QR code the hall's calling system can scan.
 */
import { escapeReceiptText } from './receipt-document.js';

export interface TicketReceiptData {
  readonly hallName: string;
  readonly ticketNumber: string;
  readonly categoryName: string;
  readonly waitingAhead: number;
  readonly issuedAtDisplay: string;
  readonly terminalId: string;
  readonly qrPayload: string;
  /** 绿色通道 (70 or older, from the ID card). */
  readonly isPriority: boolean;
  /** Masked name of the card holder (`张*`), or null for anonymous tickets. */
  readonly holderMaskedName: string | null;
}

/** QR payload of a ticket: a short URI the calling system and later issues (#7) parse. */
export function ticketQrPayload(terminalId: string, serviceDay: string, ticketNumber: string): string {
  const day = serviceDay.replaceAll('-', '');
  return `zwkiosk://ticket?t=${encodeURIComponent(terminalId)}&d=${day}&n=${encodeURIComponent(ticketNumber)}`;
}

export function ticketReceiptMarkup(ticket: TicketReceiptData): string {
  const e = escapeReceiptText;
  return [
    `^^^${e(ticket.hallName)}`,
    '排队取号凭条',
    '---',
    `^^^^^${e(ticket.ticketNumber)}`,
    `^^${e(ticket.categoryName)}`,
    ...(ticket.isPriority ? ['"^^绿色通道 优先办理"'] : []),
    `您前面还有 ${ticket.waitingAhead} 人等候`,
    `{code:${ticket.qrPayload.replace(/[;}]/gu, encodeURIComponent)}; option:qrcode,5,m}`,
    `取号时间 | ${e(ticket.issuedAtDisplay)}`,
    ...(ticket.holderMaskedName === null ? [] : [`持证人 | ${e(ticket.holderMaskedName)}`]),
    `终端编号 | ${e(ticket.terminalId)}`,
    '---',
    '请留意叫号，过号请重新取号',
    '本号当日有效',
    '',
  ].join('\n');
}
