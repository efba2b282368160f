/**
 * One exchange with the pad, as the device class runs it once it has checked the life
 * cycle and marked itself busy: the evaluation cycle of protocols.md §4.3
 * (`prompting → awaiting → rated | timeout | cancelled | deviceError → idle`) and the
 * serial query. Never rejects; expected failures are `Result` values.
 */
import createDebug from 'debug';
import type { Clock } from '../../clock.js';
import { deviceError, type DeviceError } from '../../device-error.js';
import { err, ok, type Result } from '../../result.js';
import { formatCode, type EvaluationLevel } from '../../protocols/evaluation-pad/code-table.js';
import { encodeCommand } from '../../protocols/evaluation-pad/serial-pad-frame.js';
import type { EvaluationPadKind, EvaluationPadState, PadEvaluation, PadIdentity } from './events.js';
import { PAD_CLOSED, PAD_DISCONNECTED, PAD_NOT_ANSWERING } from './pad-errors.js';
import type { PadInbox, PadInput, WaitOutcome } from './pad-inbox.js';

const debug = createDebug('kiosk:hardware:evaluation-pad');

/** What the device class lends an exchange. */
export interface CycleContext {
  readonly kind: EvaluationPadKind;
  readonly address: number;
  readonly clock: Clock;
  /** The compiled code or key table. */
  readonly levels: ReadonlyMap<number, EvaluationLevel>;
  readonly inbox: PadInbox;
  readonly ackTimeoutMs: number;
  readonly isLinkOpen: () => boolean;
  readonly write: (bytes: Uint8Array) => Promise<Result<void, DeviceError>>;
  readonly setState: (state: EvaluationPadState) => void;
  /** A serial pad did not answer in time. */
  readonly noReply: () => void;
}

type Rated = Extract<PadEvaluation, { outcome: 'rated' }>;

/**
 * Serial: sends `S`, waits `ackTimeoutMs` for the ack, then `timeoutMs` for a mapped key.
 * HID: waits for a mapped key at once — a keyboard has nothing to be told, the kiosk
 * screen is the prompt. Ends in `idle` whatever happens.
 */
export async function runEvaluation(
  context: CycleContext,
  timeoutMs: number,
  promptId: number | undefined,
  signal: AbortSignal,
): Promise<Result<PadEvaluation, DeviceError>> {
  const { inbox, setState } = context;
  setState('prompting');
  if (context.kind === 'serial') {
    inbox.reset();
    const sent = await context.write(encodeCommand(context.address, promptId === undefined ? { kind: 'start' } : { kind: 'start', promptId }));
    if (!sent.ok) return finish(context, 'deviceError', sent);
    const ack = await inbox.wait((input) => (input.kind === 'ack' && input.of === 'start' ? true : undefined), context.ackTimeoutMs, signal);
    if (ack.kind !== 'matched') {
      if (ack.kind === 'timeout') context.noReply();
      return endWithoutRating(context, ack, 'ack');
    }
  }
  setState('awaiting');
  const key = await inbox.wait((input) => rate(context, input), timeoutMs, signal);
  if (key.kind === 'matched') {
    debug('rated: key %s', key.value.keyCode);
    return finish(context, 'rated', ok(key.value));
  }
  return endWithoutRating(context, key, 'key');
}

/** Serial: `Q` → `q` within `ackTimeoutMs`. */
export async function runQuery(context: CycleContext, signal: AbortSignal): Promise<Result<PadIdentity, DeviceError>> {
  context.inbox.reset();
  const sent = await context.write(encodeCommand(context.address, { kind: 'query' }));
  if (!sent.ok) return sent;
  const reply = await context.inbox.wait((input) => (input.kind === 'identity' ? input : undefined), context.ackTimeoutMs, signal);
  switch (reply.kind) {
    case 'matched':
      return ok({ model: reply.value.model, firmware: reply.value.firmware });
    case 'timeout':
      context.noReply();
      return err(PAD_NOT_ANSWERING);
    case 'aborted':
      return err(deviceError('cancelled', 'the query was cancelled'));
    case 'linkLost':
      return err(PAD_DISCONNECTED);
    case 'closed':
      return err(PAD_CLOSED);
  }
}

/** Ends a request whose wait (for the `ack` of `S`, or for a `key`) did not match. */
async function endWithoutRating(
  context: CycleContext,
  outcome: Exclude<WaitOutcome<unknown>, { kind: 'matched' }>,
  phase: 'ack' | 'key',
): Promise<Result<PadEvaluation, DeviceError>> {
  switch (outcome.kind) {
    case 'timeout':
      // A pad that lost only its ack may be showing the prompt: tell it to stop either way.
      await sendCancel(context);
      // Without an ack the pad is not answering; without a key the citizen did not rate.
      return phase === 'ack' ? finish(context, 'deviceError', err(PAD_NOT_ANSWERING)) : finish(context, 'timeout', ok({ outcome: 'timeout' }));
    case 'aborted':
      await sendCancel(context);
      return finish(context, 'cancelled', ok({ outcome: 'cancelled' }));
    case 'linkLost':
      return finish(context, 'deviceError', err(PAD_DISCONNECTED));
    case 'closed':
      return finish(context, 'deviceError', err(PAD_CLOSED));
  }
}

/** The rating an input means, or undefined to keep waiting (not a key, not in the table). */
function rate(context: CycleContext, input: PadInput): Rated | undefined {
  if (input.kind !== 'key') return undefined;
  const level = context.levels.get(input.code);
  if (level === undefined) {
    debug('key %s is not in the table; still waiting', formatCode(input.code));
    return undefined;
  }
  return { outcome: 'rated', level, keyCode: formatCode(input.code), at: context.clock.now() };
}

/** Best effort `C`: the link may be gone, and the result does not depend on it. */
async function sendCancel(context: CycleContext): Promise<void> {
  if (context.kind !== 'serial' || !context.isLinkOpen()) return;
  const sent = await context.write(encodeCommand(context.address, { kind: 'cancel' }));
  if (!sent.ok) debug('cancel not sent: %s', sent.error.message);
}

/** Passes through the end state on the way back to `idle`, so listeners see it. */
function finish(context: CycleContext, end: EvaluationPadState, result: Result<PadEvaluation, DeviceError>): Result<PadEvaluation, DeviceError> {
  context.setState(end);
  context.setState('idle');
  return result;
}
