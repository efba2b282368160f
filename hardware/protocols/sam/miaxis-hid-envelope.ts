/**
 * Miaxis HID envelope (shared/protocols.md §1.1, public "idcard_hid_driver", VID 0x10C4 /
 * PID 0x0007): SAM frames tunnelled in 64-byte HID reports. Pure, never throws on input.
 *
 * ```
 * host→device: 88 | seq=00 00 | len LE = frame+1 | B1     | SAM request | sum16 LE | 00…
 * device→host: AA | seq LE     | len LE = data+1  | result | data ≤ 54   | sum16 LE | 00…
 * ```
 * Decisions where the public description is ambiguous (both sides below follow them, so
 * the simulator and the driver agree; verify against a real reader):
 * - Reports are the 64 bytes starting with the marker. The HID transport adds/strips the
 *   report-ID byte; a leading `00` before a marker is tolerated and skipped on input.
 * - Device→host `len` counts the result byte plus this report's data (mirroring the
 *   request's "payload+1"), and sum16 covers len … last data byte, as for requests.
 * - Packet sequence: little-endian (like len), 0 for the first report of a response,
 *   +1 per report. A response needs ceil(total/54) reports (1295 bytes → 24).
 * - `result` is passed through unread; the simulator sends 00.
 * - A response is reassembled whole, using the inner SAM LEN, before it is handed on; a
 *   report that does not start a SAM frame is handed on as-is for the framer to judge.
 * - A missing or corrupt report drops the partial response (`sequenceGap` once the next
 *   report shows the gap): the reader answers find/select/read afresh anyway (§1.9).
 */
import { HEADER_LENGTH, MAX_FRAME_BYTES, PREAMBLE, PREAMBLE_LENGTH } from './constants.js';
import {
  samBytesOf,
  type EnvelopeDiscardReason,
  type EnvelopeSide,
  type SamEnvelopeCodec,
  type SamEnvelopeEvent,
} from './envelope.js';

/** HID report size (bytes, without report ID). */
export const MIAXIS_REPORT_BYTES = 64;
/** First byte of a host→device report. */
export const MIAXIS_HOST_MARKER = 0x88;
/** First byte of a device→host report. */
export const MIAXIS_DEVICE_MARKER = 0xaa;
/** Command byte meaning "the rest is a SAM frame" (§1.1). Vendor commands use others (FA). */
export const MIAXIS_CMD_SAM = 0xb1;
/** Most SAM bytes one device→host report carries (§1.1). */
export const MIAXIS_DATA_PER_REPORT = 54;
/** marker(1) seq(2) len(2) cmd/result(1) … sum16(2). */
const OVERHEAD = 8;
/** Most bytes after the command byte of one host→device report. */
export const MIAXIS_MAX_REQUEST_PAYLOAD = MIAXIS_REPORT_BYTES - OVERHEAD;

function sum16(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i += 1) sum += bytes[i] ?? 0;
  return sum & 0xffff;
}

const le16 = (bytes: Uint8Array, at: number): number => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);

function report(marker: number, seq: number, op: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(MIAXIS_REPORT_BYTES);
  const len = payload.length + 1;
  out.set([marker, seq & 0xff, seq >> 8, len & 0xff, len >> 8, op]);
  out.set(payload, 6);
  const sum = sum16(out, 3, 6 + payload.length);
  out.set([sum & 0xff, sum >> 8], 6 + payload.length);
  return out;
}

/**
 * One host→device report: `cmd` B1 + a SAM request frame, or a vendor command (e.g. `FA`
 * with payload `F0`). Throws RangeError when the payload exceeds 56 bytes (caller bug).
 */
export function encodeMiaxisRequestReport(payload: Uint8Array, cmd: number = MIAXIS_CMD_SAM): Uint8Array {
  if (payload.length > MIAXIS_MAX_REQUEST_PAYLOAD) {
    throw new RangeError(`${payload.length} bytes do not fit one ${MIAXIS_REPORT_BYTES}-byte report`);
  }
  return report(MIAXIS_HOST_MARKER, 0, cmd, payload);
}

/** Device→host reports for one response: ceil(n/54) reports, sequence 0, 1, … */
export function encodeMiaxisResponseReports(data: Uint8Array, result = 0x00): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let at = 0, seq = 0; at < data.length; at += MIAXIS_DATA_PER_REPORT, seq += 1) {
    reports.push(report(MIAXIS_DEVICE_MARKER, seq, result, data.subarray(at, at + MIAXIS_DATA_PER_REPORT)));
  }
  return reports;
}

type Parsed =
  | { readonly ok: true; readonly seq: number; readonly op: number; readonly data: Uint8Array }
  | { readonly ok: false; readonly reason: EnvelopeDiscardReason };

/** Checks marker, len and sum16 of one report; `maxData` bounds the bytes after `op`. */
function parseReport(raw: Uint8Array, marker: number, maxData: number): Parsed {
  // Tolerate a report-ID byte 00 left in front by the HID layer.
  const r = raw[0] === 0x00 && raw[1] === marker ? raw.subarray(1) : raw;
  if (r.length < OVERHEAD || r[0] !== marker) return { ok: false, reason: 'badHeader' };
  const len = le16(r, 3);
  const dataLen = len - 1;
  if (len < 1 || dataLen > maxData || 6 + dataLen + 2 > r.length) return { ok: false, reason: 'badLength' };
  if (sum16(r, 3, 6 + dataLen) !== le16(r, 6 + dataLen)) return { ok: false, reason: 'badChecksum' };
  return { ok: true, seq: le16(r, 1), op: r[5] ?? 0, data: r.slice(6, 6 + dataLen) };
}

/** SAM frame length from a reassembled prefix: null = need more, -1 = not a SAM frame. */
function innerFrameLength(buf: Uint8Array): number | null {
  for (let i = 0; i < Math.min(buf.length, PREAMBLE_LENGTH); i += 1) if (buf[i] !== PREAMBLE[i]) return -1;
  if (buf.length < HEADER_LENGTH) return null;
  const total = HEADER_LENGTH + (((buf[5] ?? 0) << 8) | (buf[6] ?? 0));
  return total > MAX_FRAME_BYTES ? -1 : total;
}

/**
 * Miaxis HID envelope for one side of the link. Host: wraps requests into one report,
 * reassembles multi-report responses. Device (simulator): wraps responses into reports,
 * unwraps request reports (`vendor` events for non-B1 commands).
 */
export class MiaxisHidEnvelope implements SamEnvelopeCodec {
  readonly name = 'miaxis-hid';
  readonly #side: EnvelopeSide;
  /** Reassembly of a response (host side): `idle`, buffering a `frame`, or `raw` pass-through. */
  #mode: 'idle' | 'frame' | 'raw' = 'idle';
  #parts: Uint8Array[] = [];
  #have = 0;
  #nextSeq = 0;

  constructor(side: EnvelopeSide) {
    this.#side = side;
  }

  wrap(frame: Uint8Array): readonly Uint8Array[] {
    return this.#side === 'host' ? [encodeMiaxisRequestReport(frame)] : encodeMiaxisResponseReports(frame);
  }

  unwrap(chunk: Uint8Array): Uint8Array {
    return samBytesOf(this.push(chunk));
  }

  push(chunk: Uint8Array): SamEnvelopeEvent[] {
    if (chunk.length === 0) return [];
    if (this.#side === 'device') {
      const parsed = parseReport(chunk, MIAXIS_HOST_MARKER, MIAXIS_MAX_REQUEST_PAYLOAD);
      if (!parsed.ok) return [{ kind: 'discarded', bytes: chunk.length, reason: parsed.reason }];
      return parsed.op === MIAXIS_CMD_SAM
        ? [{ kind: 'sam', bytes: parsed.data }]
        : [{ kind: 'vendor', command: parsed.op, payload: parsed.data }];
    }
    const parsed = parseReport(chunk, MIAXIS_DEVICE_MARKER, MIAXIS_DATA_PER_REPORT);
    // A bad report leaves the reassembly alone: the next report's sequence shows the gap.
    if (!parsed.ok) return [{ kind: 'discarded', bytes: chunk.length, reason: parsed.reason }];
    const events: SamEnvelopeEvent[] = [];
    if (parsed.seq === 0) {
      events.push(...this.#dropPartial('sequenceGap'));
      this.#mode = 'frame';
    } else if (this.#mode === 'idle' || parsed.seq !== this.#nextSeq) {
      events.push(...this.#dropPartial('sequenceGap'));
      events.push({ kind: 'discarded', bytes: parsed.data.length, reason: 'sequenceGap' });
      this.#mode = 'idle';
      return events;
    }
    this.#nextSeq = parsed.seq + 1;
    if (this.#mode === 'raw') {
      if (parsed.data.length > 0) events.push({ kind: 'sam', bytes: parsed.data });
      return events;
    }
    this.#parts.push(parsed.data);
    this.#have += parsed.data.length;
    const buffered = this.#take(false);
    const total = innerFrameLength(buffered);
    if (total === -1 || (total !== null && this.#have >= total)) {
      // Whole frame (or not a SAM frame at all): hand everything on, then pass through
      // any further reports of this sequence unchanged.
      events.push({ kind: 'sam', bytes: this.#take(true) });
      this.#mode = 'raw';
    }
    return events;
  }

  reset(): SamEnvelopeEvent[] {
    const events = this.#dropPartial('stale');
    this.#mode = 'idle';
    return events;
  }

  /** Bytes held for an incomplete response (host side). */
  get pendingBytes(): number {
    return this.#have;
  }

  #dropPartial(reason: EnvelopeDiscardReason): SamEnvelopeEvent[] {
    const dropped = this.#have;
    this.#parts = [];
    this.#have = 0;
    return dropped > 0 ? [{ kind: 'discarded', bytes: dropped, reason }] : [];
  }

  /** Concatenated buffered bytes; `clear` empties the buffer. */
  #take(clear: boolean): Uint8Array {
    const out = samBytesOf(this.#parts.map((bytes) => ({ kind: 'sam', bytes }) as const));
    if (clear) {
      this.#parts = [];
      this.#have = 0;
    } else {
      this.#parts = [out];
    }
    return out;
  }
}

/** The host side (kiosk driver) of the Miaxis HID envelope. */
export const miaxisHidHostEnvelope = (): MiaxisHidEnvelope => new MiaxisHidEnvelope('host');
/** The device side (simulator) of the Miaxis HID envelope. */
export const miaxisHidDeviceEnvelope = (): MiaxisHidEnvelope => new MiaxisHidEnvelope('device');
