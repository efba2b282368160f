/**
 * The admin PIN at rest: scrypt (RFC 7914) with a random salt, parameters stored with the
 * hash so the cost can be raised later (a login with the old cost rehashes). Runs on
 * libuv's thread pool (`crypto.scrypt`, not `scryptSync`) so the main process keeps
 * answering while it works.
 *
 * Electron's Node uses BoringSSL, which implements scrypt too (EVP_PBE_scrypt); the
 * snapshot check of R-E8 covers ciphers and hashes, not KDFs, so check this on the
 * packaged app once.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two; memory used is about 128 × N × r bytes. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLength: number;
}

/**
 * Production cost: N=2^16, r=8, p=1 — 64 MiB per hash. Measured with `verifyPin` on the
 * 2-core CI machine (AMD EPYC, Node 20): median 182 ms (2^15: 98 ms; 2^17, OWASP's minimum:
 * 365–510 ms and 128 MiB). A kiosk's low-power CPU is perhaps 2–3× slower, so about half a
 * second per login. The PIN space is small whatever the cost: the lockout is what stops
 * guessing over IPC; the cost only slows an offline attack on a stolen, decrypted database
 * (R-P5). Raising it later is safe — the next login rehashes.
 */
export const SCRYPT_PRODUCTION: ScryptParams = { N: 2 ** 16, r: 8, p: 1, keyLength: 32 };

/** For unit tests only: about 1 ms. */
export const SCRYPT_FAST_FOR_TESTS: ScryptParams = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };

const SALT_BYTES = 16;
const PREFIX = 'scrypt';
// Bounds on parameters read back from the database: a tampered row must not make a login
// allocate gigabytes.
const MAX_LOG2_N = 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // OpenSSL counts the whole working set (V plus B), so allow a little over 128·N·r.
  const maxmem = 128 * params.r * (params.N + params.p + 2) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/** `scrypt$N$r$p$salt$key` with salt and key in base64. */
export async function hashPin(pin: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, params);
  return [PREFIX, params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface StoredHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseStored(stored: string): StoredHash {
  const [prefix, n, r, p, salt, key, ...rest] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const isSane =
    prefix === PREFIX &&
    rest.length === 0 &&
    Number.isInteger(Math.log2(params.N)) &&
    params.N >= 2 &&
    params.N <= 2 ** MAX_LOG2_N &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= MAX_R &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= MAX_P &&
    salt !== undefined &&
    key !== undefined;
  if (!isSane) throw new Error('the stored admin PIN hash is malformed');
  const keyBytes = Buffer.from(key, 'base64');
  if (keyBytes.length < 16) throw new Error('the stored admin PIN hash is malformed');
  return { params: { ...params, keyLength: keyBytes.length }, salt: Buffer.from(salt, 'base64'), key: keyBytes };
}

/** Constant-time comparison of the derived key; throws only for a malformed stored hash. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  const key = await derive(pin, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made with other parameters than `params` (rehash after login). */
export function needsRehash(stored: string, params: ScryptParams): boolean {
  const current = parseStored(stored).params;
  return current.N !== params.N || current.r !== params.r || current.p !== params.p || current.keyLength !== params.keyLength;
}
