/**
 * Helpers of the framer property tests (chunking invariance, frames found inside noise):
 * cut a stream at arbitrary points, join pieces, and compare event lists whose grouping of
 * discarded bytes depends on the chunking.
 */
import { expect } from 'vitest';

/** Splits `bytes` at the given cut points (any numbers; reduced modulo length + 1). */
export function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let previous = 0;
  for (const point of points) {
    parts.push(bytes.subarray(previous, point));
    previous = point;
  }
  parts.push(bytes.subarray(previous));
  return parts;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The event shape of the resynchronising framers: frames and counted discards. */
type FramerEvent = { readonly kind: 'frame' } | { readonly kind: 'discarded'; readonly bytes: number; readonly reason: string };

/** Events with adjacent discards of one reason merged (their grouping depends on chunking). */
export function normaliseDiscards<E extends FramerEvent>(events: readonly E[]): E[] {
  const out: E[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if (event.kind === 'discarded' && last?.kind === 'discarded' && last.reason === event.reason) {
      out[out.length - 1] = { ...last, bytes: last.bytes + event.bytes };
    } else {
      out.push(event);
    }
  }
  return out;
}

/** A framer that holds at most one frame's bytes between pushes. */
export interface BoundedFramer<E> {
  push(chunk: Uint8Array): E[];
  readonly pendingBytes: number;
}

/**
 * Pushes `parts` through `framer`, checking after each push that fewer than `maxFrameBytes`
 * bytes are held; returns the normalised events and what is still pending.
 */
export function runFramer<E extends FramerEvent>(
  framer: BoundedFramer<E>,
  parts: readonly Uint8Array[],
  maxFrameBytes: number,
): { events: E[]; pending: number } {
  const events = parts.flatMap((part) => {
    const out = framer.push(part);
    expect(framer.pendingBytes).toBeLessThan(maxFrameBytes);
    return out;
  });
  return { events: normaliseDiscards(events), pending: framer.pendingBytes };
}
