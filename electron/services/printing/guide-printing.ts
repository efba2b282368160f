/**
 * Printing from the office guide (issue #4): the materials checklist on the receipt printer
 * and the whole guide as an A4 PDF on the document printer. Failures are values with a
 * Chinese reason for the screen and an alarm for the technician.
 */
import type { DocumentPrintOutcome, GuideView, PrintOutcome } from '../../ipc/contract.js';
import type { AlarmService } from '../alarms/alarm-service.js';
import { hallTime } from '../clock.js';
import type { TerminalConfig } from '../config/terminal-config.js';
import { checklistReceiptMarkup } from './checklist-receipt.js';
import { type DocumentPrinterPort, printPdf } from './document-printer-port.js';
import type { PrintService } from './print-service.js';
import { receiptColumns, renderEscPos } from './receipt-document.js';

export interface GuidePrintingOptions {
  readonly config: TerminalConfig;
  readonly assetsDir: string;
  readonly printing: PrintService;
  readonly documentPrinter: DocumentPrinterPort;
  readonly alarms: AlarmService;
  readonly now: () => number;
}

export class GuidePrinting {
  readonly #options: GuidePrintingOptions;

  constructor(options: GuidePrintingOptions) {
    this.#options = options;
  }

  printChecklist(guide: GuideView): Promise<PrintOutcome> {
    const { config, now } = this.#options;
    const markup = checklistReceiptMarkup(guide, {
      hallName: config.hall.name,
      printedAtDisplay: hallTime(now(), config.timeZone).display,
    });
    const job = renderEscPos(markup, { charactersPerLine: receiptColumns(config.devices.receiptPrinter?.paperWidthMm) });
    return this.#options.printing.print('checklist', null, job);
  }

  async printGuide(guide: GuideView): Promise<DocumentPrintOutcome> {
    const { config, now, documentPrinter, alarms } = this.#options;
    // pdfkit and fontkit take ~200 ms to load: only when someone prints, not at start-up.
    const { renderGuidePdf } = await import('../documents/guide-pdf.js');
    const pdf = await renderGuidePdf(guide, {
      hallName: config.hall.name,
      terminalId: config.hall.terminalId,
      printedAt: new Date(now()),
      assetsDir: this.#options.assetsDir,
      timeZone: config.timeZone,
    });
    return printPdf(documentPrinter, alarms, pdf.bytes, `办事指南 ${guide.name}`);
  }
}
