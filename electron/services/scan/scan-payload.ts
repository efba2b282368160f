/**
 * What a scanned code is. The kiosk acts on two kinds only, both links under the platform's
 * public base URL that it prints itself:
 *
 *   受理回执  https://<host>/progress?case=<办件编号>&v=<查询码>
 *   预约      https://<host>/appointment?no=<预约号>&v=<查询码>
 *
 * Everything else is refused with a reason and a Chinese message, and the scanned text is
 * never shown (reliability.md (c) "QR payloads"): other hosts and look-alikes (compared as
 * the URL parser's punycode host), userinfo tricks (`https://host@evil`), script and data
 * links, control characters, bidi overrides, zero-width and full-width characters, and
 * anything longer than a QR code can hold. Parsing is strict rather than forgiving: a code
 * we issued never needs forgiveness.
 */
import type { ScanRefusal, ScanResult } from '../../ipc/contract.js';

/** Bytes a QR code (version 40, byte mode, level L) can hold at most. */
export const MAX_QR_BYTES = 2953;

export const SCAN_REFUSAL_MESSAGES: Readonly<Record<ScanRefusal, string>> = {
  unknownFormat: '无法识别该二维码，请扫描办件回执或预约短信中的二维码',
  otherHost: '该二维码不是本中心签发的，请扫描办件回执或预约二维码',
  unsafe: '该二维码内容不安全，已拒绝读取',
  tooLong: '二维码内容过长，无法识别',
  garbled: '二维码未能读清，请将二维码放平后重新扫描',
};

/** A refusal with its Chinese message (also for failures the scanner itself reports). */
export const refuse = (reason: ScanRefusal): ScanResult => ({ kind: 'refused', reason, message: SCAN_REFUSAL_MESSAGES[reason] });

/**
 * C0/C1 controls, DEL, bidi embeddings/overrides/isolates, zero-width characters, the BOM
 * inside text, line/paragraph separators, and full-width forms.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\uff00-\uffef]/u;
const SCRIPT_SCHEMES = /^\s*(javascript|vbscript|data|file|blob|about|intent|weixin|alipays?):/iu;
const NUMBER = /^[0-9A-Z]{6,32}$/u;
const VERIFIER = /^[0-9A-Z]{4,16}$/u;

export interface ScanInput {
  readonly text: string;
  /** The scanner could not tell the charset (neither UTF-8 nor GB18030 decoded cleanly). */
  readonly isCharsetUncertain?: boolean;
}

/**
 * Classifies `input` against the platform's public base URL (`https://host[/path]`).
 * Pure and total: never throws, whatever the text.
 */
export function classifyScan(input: ScanInput, publicBaseUrl: string): ScanResult {
  // Scanners end a symbol with CR/LF/Tab; nothing else is trimmed.
  const text = input.text.replace(/[\r\n\t]+$/u, '');
  if (new TextEncoder().encode(text).length > MAX_QR_BYTES) return refuse('tooLong');
  if (text.length === 0) return refuse('garbled');
  if (input.isCharsetUncertain === true && /[^\u0020-\u007e]/u.test(text)) return refuse('garbled');
  if (UNSAFE_CHARACTERS.test(text) || SCRIPT_SCHEMES.test(text)) return refuse('unsafe');
  if (!/^https?:\/\//iu.test(text)) return refuse('unknownFormat');

  let url: URL;
  let base: URL;
  try {
    url = new URL(text);
    base = new URL(publicBaseUrl);
  } catch {
    return refuse('unknownFormat');
  }
  if (url.username !== '' || url.password !== '') return refuse('unsafe');
  if (url.protocol !== 'https:' || url.host !== base.host) return refuse('otherHost');
  const basePath = base.pathname.replace(/\/+$/u, '');
  if (!url.pathname.startsWith(`${basePath}/`) || url.hash !== '') return refuse('unknownFormat');
  const route = url.pathname.slice(basePath.length);
  const params = url.searchParams;
  // Exactly the parameters we print; a repeated or extra one is not our code.
  const keys = [...params.keys()];
  if (new Set(keys).size !== keys.length) return refuse('unknownFormat');
  const verifier = params.get('v') ?? '';
  if (!VERIFIER.test(verifier)) return refuse('unknownFormat');
  if (route === '/progress' && keys.length === 2) {
    const caseNumber = params.get('case') ?? '';
    return NUMBER.test(caseNumber) ? { kind: 'receipt', caseNumber, verifier } : refuse('unknownFormat');
  }
  if (route === '/appointment' && keys.length === 2) {
    const code = params.get('no') ?? '';
    return NUMBER.test(code) ? { kind: 'appointment', code, verifier } : refuse('unknownFormat');
  }
  return refuse('unknownFormat');
}

/** The text of a receipt QR code (受理回执) for a case. */
export function receiptQrText(publicBaseUrl: string, caseNumber: string, verifier: string): string {
  const url = new URL(`${publicBaseUrl.replace(/\/+$/u, '')}/progress`);
  url.searchParams.set('case', caseNumber);
  url.searchParams.set('v', verifier);
  return url.toString();
}

/** The text of an appointment QR code. */
export function appointmentQrText(publicBaseUrl: string, code: string, verifier: string): string {
  const url = new URL(`${publicBaseUrl.replace(/\/+$/u, '')}/appointment`);
  url.searchParams.set('no', code);
  url.searchParams.set('v', verifier);
  return url.toString();
}
