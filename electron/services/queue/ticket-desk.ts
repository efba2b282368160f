/**
 * The 取号 counter: issues a ticket (anonymous or for an ID-card holder), prints it, and
 * builds what the screen shows. The number is committed before anything is printed, so the
 * citizen always gets it, whatever the printer does.
 */
import type { IpcResult, PrintOutcome, TicketView } from '../../ipc/contract.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import type { PrintService } from '../printing/print-service.js';
import { qrPath } from '../printing/qr-path.js';
import { receiptColumns, renderEscPos } from '../printing/receipt-document.js';
import { ticketQrPayload, ticketReceiptMarkup } from '../printing/ticket-receipt.js';
import type { IssueOptions, IssuedTicket, QueueService, TicketHolder } from './queue-service.js';

export interface TicketDeskOptions {
  readonly queue: QueueService;
  readonly printing: PrintService;
  readonly config: TerminalConfig;
  /** Called after a new ticket changed a category's waiting count. */
  readonly onWaitingChanged: (categoryId: string, waitingCount: number) => void;
}

export interface HolderInfo extends TicketHolder {
  readonly maskedName: string;
}

export interface TakeOptions extends IssueOptions {
  /** The name printed when no card holder takes the ticket (an appointment's, masked). */
  readonly maskedName?: string;
}

export class TicketDesk {
  readonly #options: TicketDeskOptions;

  constructor(options: TicketDeskOptions) {
    this.#options = options;
  }

  /** Issues (or, for a holder who already has one, finds) a ticket and prints new ones. */
  async take(categoryId: string, holder: HolderInfo | null, options: TakeOptions = {}): Promise<IpcResult<TicketView>> {
    const issued = this.#options.queue.issueTicket(categoryId, holder, options);
    if (!issued.ok) {
      return issued.error === 'unknownCategory'
        ? { ok: false, error: { code: 'notFound', message: '该业务类别不存在，请重新选择' } }
        : { ok: false, error: { code: 'unavailable', message: '今日该业务号源已满，请咨询大厅工作人员' } };
    }
    const ticket = issued.value;
    const maskedName = holder?.maskedName ?? options.maskedName ?? null;
    if (ticket.isExisting) return { ok: true, value: this.#view(ticket, maskedName, { status: 'notPrinted' }) };
    this.#options.onWaitingChanged(ticket.category.id, ticket.waitingAhead + 1);
    const print = await this.#print(ticket, maskedName);
    return { ok: true, value: this.#view(ticket, maskedName, print) };
  }

  /** Prints again a ticket of today that belongs to the holder. */
  async reprint(ticketNumber: string, holder: HolderInfo): Promise<IpcResult<{ readonly print: PrintOutcome }>> {
    const ticket = this.#options.queue.findHolderTicket(ticketNumber, holder.hash);
    if (ticket === null) return { ok: false, error: { code: 'notFound', message: '未找到您今天的该号码，请重新取号' } };
    return { ok: true, value: { print: await this.#print(ticket, holder.maskedName) } };
  }

  #qrPayload(ticket: IssuedTicket): string {
    return ticketQrPayload(this.#options.config.hall.terminalId, ticket.issuedAt.day, ticket.ticketNumber);
  }

  #print(ticket: IssuedTicket, maskedName: string | null): Promise<PrintOutcome> {
    const { config } = this.#options;
    const job = renderEscPos(
      ticketReceiptMarkup({
        hallName: config.hall.name,
        ticketNumber: ticket.ticketNumber,
        categoryName: ticket.category.name,
        waitingAhead: ticket.waitingAhead,
        issuedAtDisplay: ticket.issuedAt.display,
        terminalId: config.hall.terminalId,
        qrPayload: this.#qrPayload(ticket),
        isPriority: ticket.isPriority,
        holderMaskedName: maskedName,
      }),
      { charactersPerLine: receiptColumns(config.devices.receiptPrinter?.paperWidthMm) },
    );
    return this.#options.printing.print('ticket', ticket.id, job);
  }

  #view(ticket: IssuedTicket, maskedName: string | null, print: PrintOutcome): TicketView {
    const qrPayload = this.#qrPayload(ticket);
    const qr = qrPath(qrPayload);
    return {
      ticketNumber: ticket.ticketNumber,
      categoryId: ticket.category.id,
      categoryName: ticket.category.name,
      hallName: this.#options.config.hall.name,
      waitingAhead: ticket.waitingAhead,
      issuedAt: ticket.issuedAt.iso,
      qrPayload,
      qrPath: qr.path,
      qrModules: qr.modules,
      print,
      isPriority: ticket.isPriority,
      holderMaskedName: maskedName,
      isExisting: ticket.isExisting,
    };
  }
}
