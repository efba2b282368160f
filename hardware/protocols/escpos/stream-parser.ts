/**
 * Incremental parser for the ESC/POS byte stream sent TO a printer (used by the simulator,
 * the trace decoder and the device class to inspect jobs). Pure: no timers, no I/O.
 *
 * Guarantees (reliability.md R-V2):
 * - never throws, for any bytes;
 * - splitting-invariant: the commands returned by all `push` calls plus `flush()` are the
 *   same however the stream is chunked (text runs are held until a control byte ends them,
 *   and cut into {@link MAX_TEXT_RUN_BYTES} pieces at fixed offsets);
 * - bounded: at most max({@link MAX_BUFFERED_COMMAND_BYTES}, {@link MAX_TEXT_RUN_BYTES})
 *   bytes are held between pushes; longer length-prefixed data is skipped, not stored.
 *
 * Resync policy for bytes that are not a known command:
 * - an unknown control byte (< 0x20) becomes a 1-byte `unknown`;
 * - `ESC x` / `GS x` / `FS x` with unknown `x` becomes a 2-byte `unknown`; the parameters,
 *   whose count is unknowable, are then parsed afresh (they usually surface as text, as on a
 *   real printer);
 * - a known command with a parameter selecting no defined form (`GS V 7`, `GS k 200`) becomes
 *   an `unknown` of its fixed prefix;
 * - a lone `DLE` drops only itself (line noise);
 * - a NUL-terminated command (`GS k` A form, `ESC D`) without its NUL within the maximum
 *   length becomes an `unknown` of its header, and parsing resumes on the data.
 */
import { MAX_BUFFERED_COMMAND_BYTES, measureCommand } from './command-table.js';
import { decodeCommand } from './command-decoder.js';
import type { EscPosCommand } from './stream-command.js';

export { MAX_BUFFERED_COMMAND_BYTES } from './command-table.js';

/** Longest text command emitted; longer runs are split at multiples of this offset. */
export const MAX_TEXT_RUN_BYTES = 4096;
const INITIAL_CAPACITY = 1024;

function isTextByte(byte: number): boolean {
  return byte >= 0x20;
}

/** Streaming ESC/POS parser. One instance per byte stream. */
export class EscPosStreamParser {
  #buffer = new Uint8Array(INITIAL_CAPACITY);
  #start = 0;
  #end = 0;
  /** A command whose data is being discarded because it exceeds the buffer cap. */
  #skip: { command: EscPosCommand; remaining: number } | undefined;

  /** Parses `chunk`; returns the commands it completes, in stream order. Never throws. */
  push(chunk: Uint8Array): EscPosCommand[] {
    const out: EscPosCommand[] = [];
    let offset = 0;
    if (this.#skip !== undefined) offset = this.#consumeSkip(chunk, 0, out);
    if (offset < chunk.length) this.#append(chunk.subarray(offset));
    this.#drain(out);
    this.#compact();
    return out;
  }

  /**
   * Ends the stream: a held text run is emitted, an incomplete command becomes `unknown`
   * (`truncated`), a skip in progress emits its command. The parser is then empty.
   */
  flush(): EscPosCommand[] {
    const out: EscPosCommand[] = [];
    if (this.#skip !== undefined) {
      out.push(this.#skip.command);
      this.#skip = undefined;
    }
    if (this.#start < this.#end) {
      const rest = this.#buffer.slice(this.#start, this.#end);
      const textLength = rest.findIndex((byte) => !isTextByte(byte));
      if (textLength !== 0) {
        const length = textLength < 0 ? rest.length : textLength;
        out.push({ kind: 'text', raw: rest.subarray(0, length) });
        if (length < rest.length) out.push({ kind: 'unknown', reason: 'truncated', raw: rest.subarray(length) });
      } else {
        out.push({ kind: 'unknown', reason: 'truncated', raw: rest });
      }
    }
    this.#start = 0;
    this.#end = 0;
    this.#buffer = new Uint8Array(INITIAL_CAPACITY);
    return out;
  }

  /** Bytes held between pushes (for the R-V2 bound checks). */
  get bufferedLength(): number {
    return this.#end - this.#start;
  }

  /** True while skipping the data of an over-long command. */
  get isSkipping(): boolean {
    return this.#skip !== undefined;
  }

  #consumeSkip(source: Uint8Array, offset: number, out: EscPosCommand[]): number {
    const skip = this.#skip;
    if (skip === undefined) return offset;
    const taken = Math.min(skip.remaining, source.length - offset);
    skip.remaining -= taken;
    if (skip.remaining === 0) {
      out.push(skip.command);
      this.#skip = undefined;
    }
    return offset + taken;
  }

  #drain(out: EscPosCommand[]): void {
    const buffer = this.#buffer;
    while (this.#start < this.#end) {
      if (this.#skip !== undefined) {
        this.#start = this.#consumeSkip(buffer.subarray(0, this.#end), this.#start, out);
        continue;
      }
      const first = buffer[this.#start] ?? 0;
      if (isTextByte(first)) {
        let i = this.#start;
        while (i < this.#end && i - this.#start < MAX_TEXT_RUN_BYTES && isTextByte(buffer[i] ?? 0)) i++;
        // Hold a run that reaches the end of the data: the next chunk may continue it.
        if (i === this.#end && i - this.#start < MAX_TEXT_RUN_BYTES) return;
        out.push({ kind: 'text', raw: buffer.slice(this.#start, i) });
        this.#start = i;
        continue;
      }
      const measure = measureCommand({ bytes: buffer, start: this.#start, end: this.#end });
      switch (measure.type) {
        case 'need':
          return;
        case 'complete':
          out.push(decodeCommand(buffer.slice(this.#start, this.#start + measure.length)));
          this.#start += measure.length;
          break;
        case 'unknown':
          out.push({
            kind: 'unknown',
            reason: measure.reason,
            raw: buffer.slice(this.#start, this.#start + measure.length),
          });
          this.#start += measure.length;
          break;
        case 'skip': {
          const header = buffer.slice(this.#start, this.#start + measure.headerLength);
          this.#start += measure.headerLength;
          this.#skip = { command: decodeCommand(header), remaining: measure.dataLength };
          break;
        }
      }
    }
  }

  #append(bytes: Uint8Array): void {
    const needed = this.#end - this.#start + bytes.length;
    if (this.#end + bytes.length > this.#buffer.length) {
      const capacity = Math.max(INITIAL_CAPACITY, needed * 2);
      const next = capacity > this.#buffer.length ? new Uint8Array(capacity) : this.#buffer;
      next.set(this.#buffer.subarray(this.#start, this.#end), 0);
      this.#buffer = next;
      this.#end -= this.#start;
      this.#start = 0;
    }
    this.#buffer.set(bytes, this.#end);
    this.#end += bytes.length;
  }

  #compact(): void {
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
      // Give back memory after a large chunk once nothing is held.
      if (this.#buffer.length > MAX_BUFFERED_COMMAND_BYTES * 2) this.#buffer = new Uint8Array(INITIAL_CAPACITY);
    }
  }
}

/** Parses a complete byte stream (e.g. a saved job) into commands. */
export function parseEscPos(bytes: Uint8Array): EscPosCommand[] {
  const parser = new EscPosStreamParser();
  return [...parser.push(bytes), ...parser.flush()];
}
