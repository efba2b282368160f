/**
 * Just enough PDF reading for the printers: is it a PDF, and how many pages.
 */
import { type DeviceError, deviceError } from '../../../hardware/device-error.js';
import { type Result, err, ok } from '../../../hardware/result.js';

const PAGE_OBJECT = /\/Type\s*\/Page(?![A-Za-z])/gu;

/**
 * Pages in a PDF, counted as page objects. Enough for the PDFs this kiosk makes (pdfkit
 * writes every page object in plain text, never in a compressed object stream).
 */
export function countPdfPages(pdf: Uint8Array): number {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1').match(PAGE_OBJECT)?.length ?? 0;
}

/** A PDF starts with `%PDF-`; anything else would print as pages of garbage on a real printer. */
export function checkPdf(pdf: Uint8Array): Result<number, DeviceError> {
  if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') return err(deviceError('failure', 'not a PDF document'));
  const pages = countPdfPages(pdf);
  return pages === 0 ? err(deviceError('failure', 'PDF document without pages')) : ok(pages);
}
