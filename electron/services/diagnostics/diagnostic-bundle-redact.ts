/**
 * What keeps a diagnostic bundle safe to hand to the vendor: secrets are removed from the
 * configuration, and every free-text string passes {@link scrubText}, which masks anything
 * that looks like a citizen's data with the project's one mask (R-P2).
 *
 * The sources are supposed to be clean already (alarms, diagnostics and logs never carry
 * personal data); this is the second line of defence, so a leak upstream does not leave the
 * building on a USB stick. Each string it had to change is counted in the report, because
 * such a string is itself a bug to fix where it was written.
 *
 * Limits: a bare name without a label (`张三 card refused`) cannot be told from other words;
 * only names after a label (姓名, 申请人, …) are caught.
 */
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../privacy/mask.js';

export const REMOVED = '[removed]';
export const BINARY_REMOVED = '[binary removed]';
export const BYTES_REMOVED = '[bytes removed]';

/** Config key words that always mark a secret, wherever they stand in the key. */
const SECRET_WORDS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'pin',
  'apikey',
  'credential',
  'credentials',
  'auth',
  'authorization',
  'cookie',
  'salt',
  'signature',
]);

/** `apiKey` → `["api", "key"]`, `platform_token` → `["platform", "token"]`. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .split(/[^A-Za-z0-9]+/u)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/**
 * Whether a config key names a secret. `key` counts only as the last word (`apiKey`,
 * `signingKey`), so the evaluation pad's `keyTable` (key codes → levels), which helps a
 * diagnosis, stays.
 */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  if (words.join('').includes('apikey')) return true;
  return words.at(-1) === 'key' || words.at(-1) === 'keys';
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s"'<>`]+/giu;

/**
 * `https://user:pw@host:8443/api/v1?token=x#y` → `https://host:8443/api/v1`: user info, query
 * and fragment can carry credentials or a citizen's codes (a receipt QR's verifier).
 */
export function sanitizeUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text.replace(/\/\/[^/@\s]*@/u, '//').replace(/[?#].*$/su, '');
  }
  if (url.host === '') return `${url.protocol}${url.pathname}`.replace(/[?#].*$/su, '');
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * A copy of the configuration fit for the vendor: every value under a secret-named key is
 * {@link REMOVED}, URLs lose user info, query and fragment, other strings pass
 * {@link scrubText}. Works on any JSON-like value, so a config of a newer schema is safe too.
 */
export function redactConfig(config: unknown): unknown {
  return redactValue(config, null);
}

function redactValue(value: unknown, key: string | null): unknown {
  if (key !== null && isSecretKey(key)) return REMOVED;
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, null));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(value)) out[childKey] = redactValue(child, childKey);
    return out;
  }
  return value;
}

interface Rule {
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
}

const HAN_NAME = String.raw`[\p{Script=Han}·•]{1,15}`;
const LATIN_NAME = String.raw`[A-Z][A-Za-z'-]*(?: [A-Z][A-Za-z'-]*){0,4}`;
const NAME_LABEL = String.raw`姓\s*名|申请人|持证人|联系人|办理人|经办人|代理人|当事人|取号人|评价人|(?:[Ff]ull|[Hh]older|[Aa]pplicant|[Cc]itizen)_?[Nn]ame`;
const ADDRESS_LABEL = String.raw`住\s*址|地\s*址|户籍地|居住地|[Aa]ddress`;
/** `姓名：` `"姓名": "` `applicantName=`: a label, an optional quote, a separator, an optional quote. */
const LABEL_TAIL = String.raw`"?\s*[:：=]?\s*"?\s*`;
/** An address starts with a Han character, so `IP地址 192.168.1.50` stays readable. */
const HAN_ADDRESS = String.raw`\p{Script=Han}[\p{Script=Han}0-9A-Za-z#()（）\-－]{1,80}`;

/** Masks the field at the end of `match`, keeping what came before it (a label, +86). */
const keepPrefix = (match: string, field: string, masked: string): string => `${match.slice(0, match.length - field.length)}${masked}`;

/**
 * Order matters: blobs go first (a base64 photo contains digit runs), then long digit runs
 * (an ID number inside a longer run still goes), then the shapes of single fields.
 */
const RULES: readonly Rule[] = [
  // Secrets written as key=value or a bearer header in a log line.
  { pattern: /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gu, replace: (_m, scheme = '') => `${scheme} ${REMOVED}` },
  {
    pattern: /\b(token|secret|password|passwd|pwd|pin|api[_-]?key|authorization|verifier)("?\s*[:=]\s*)(?!Bearer\b|\[removed\])"?[^\s",;&}]+"?/giu,
    replace: (_m, name = '', separator = '') => `${name}${separator}${REMOVED}`,
  },
  { pattern: URL_IN_TEXT, replace: (url) => sanitizeUrl(url) },
  // Images and other binaries: base64 (standard or URL-safe) over 200 characters.
  { pattern: /[A-Za-z0-9+/_-]{200,}={0,2}/gu, replace: () => BINARY_REMOVED },
  // Hex dumps of 48 bytes or more: raw reader frames carry the name in UCS-2. A SHA-256
  // (32 bytes) stays readable.
  { pattern: /(?:[0-9A-Fa-f]{2}[ :]?){48,}/gu, replace: () => BYTES_REMOVED },
  // Any run of 15+ digits: 18-digit (or 17 + X) and 15-digit legacy ID numbers, bank cards.
  { pattern: /(?<![0-9])[0-9]{15,}(?:[Xx](?![A-Za-z]))?/gu, replace: (id) => maskIdNumber(id) },
  // An ID number written in groups: 110105 19491231 002X.
  {
    pattern: /(?<![0-9])([0-9]{6})[ -]([0-9]{8})[ -]([0-9]{3}[0-9Xx])(?![0-9A-Za-z])/gu,
    replace: (_m, a = '', b = '', c = '') => maskIdNumber(`${a}${b}${c}`),
  },
  // Mainland mobile numbers, bare, after +86, or as 138-0013-8000 / 138 0013 8000.
  {
    pattern: /(?<![0-9])(?:\+?86[ -]?)?(1[3-9][0-9](?:[0-9]{8}|[ -][0-9]{4}[ -][0-9]{4}))(?![0-9])/gu,
    replace: (match, phone = '') => keepPrefix(match, phone, maskPhone(phone)),
  },
  {
    pattern: new RegExp(String.raw`(?:${NAME_LABEL})${LABEL_TAIL}(${HAN_NAME}|${LATIN_NAME})`, 'gu'),
    replace: (match, name = '') => keepPrefix(match, name, maskName(name)),
  },
  {
    pattern: new RegExp(String.raw`(?:${ADDRESS_LABEL})${LABEL_TAIL}(${HAN_ADDRESS})`, 'gu'),
    replace: (match, address = '') => keepPrefix(match, address, maskAddress(address)),
  },
];

/**
 * Masks what looks like personal data in one line of free text (alarm messages, diagnostics,
 * log lines): ID numbers keep 4 + 4, mobile numbers 3 + 4, labelled names the surname,
 * labelled addresses the district; base64 blobs over 200 characters and long hex dumps are
 * removed; URLs lose query and user info; `token=…` values are removed.
 */
export function scrubText(text: string): string {
  let out = text;
  for (const rule of RULES) out = out.replace(rule.pattern, rule.replace as (match: string, ...rest: unknown[]) => string);
  return out;
}

/** Applies {@link scrubText} to every string in a JSON-like value; counts the strings changed. */
export function scrubDeep<T>(value: T, counter: { changed: number }): T {
  return scrubValue(value, counter) as T;
}

function scrubValue(value: unknown, counter: { changed: number }): unknown {
  if (typeof value === 'string') {
    const scrubbed = scrubText(value);
    if (scrubbed !== value) counter.changed += 1;
    return scrubbed;
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, counter));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = scrubValue(child, counter);
    return out;
  }
  return value;
}
