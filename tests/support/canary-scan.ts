/**
 * The canary scan of R-P2: a canary citizen's values searched for in raw bytes in every
 * encoding a leak could take on this kiosk — UTF-8 (logs, JSON), UTF-16LE and UTF-16BE
 * (Windows, the SAM module's UCS-2), GBK/GB18030 (legacy Chinese text files).
 */
import iconv from 'iconv-lite';

export interface CanaryHit {
  readonly canary: string;
  readonly encoding: string;
  readonly where: string;
}

function encodings(canary: string): [string, Buffer][] {
  const utf16le = Buffer.from(canary, 'utf16le');
  return [
    ['utf8', Buffer.from(canary, 'utf8')],
    ['utf16le', utf16le],
    ['utf16be', Buffer.from(utf16le).swap16()],
    ['gbk', iconv.encode(canary, 'gbk')],
    ['gb18030', iconv.encode(canary, 'gb18030')],
  ];
}

/** Every (canary, encoding) found in `bytes`; `where` names the scanned thing in the report. */
export function scanForCanaries(bytes: Uint8Array, canaries: readonly string[], where: string): CanaryHit[] {
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hits: CanaryHit[] = [];
  for (const canary of canaries) {
    for (const [encoding, needle] of encodings(canary)) {
      if (haystack.includes(needle)) hits.push({ canary, encoding, where });
    }
  }
  return hits;
}
