/**
 * What an uploaded record keeps once its retention window passed (R-P4): everything but its
 * personal fields — a follow-up phone, names and ID numbers, an application's people, form,
 * scans and signature. The outbox and the local platform blank the same fields.
 */
const PERSONAL_FIELDS = ['phone', 'applicantName', 'idNumber', 'applicant', 'agent', 'form', 'materialsPdf', 'commitmentPdf'] as const;

export function withoutPersonalFields(payload: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...payload };
  for (const field of PERSONAL_FIELDS) if (field in copy) copy[field] = null;
  return copy;
}
