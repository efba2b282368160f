/**
 * DeviceError values of the ID-card reader (closed vocabulary of hardware/device-error.ts).
 * Messages are technician words and never carry card data (R-P2).
 */
import { deviceError, type DeviceError } from '../../device-error.js';
import { samStatusFromCode, SAM_STATUS_MESSAGES } from '../../protocols/sam/frame.js';
import { notEnabledErrors } from '../lifecycle.js';
import type { ExchangeFailure } from './sam-channel.js';

/** Why a call needing `enabled` is refused in each life-cycle state. */
export const NOT_ENABLED = notEnabledErrors('the ID-card reader');

/** A command that got no usable reply, as a DeviceError. */
export function fromExchangeFailure(failure: ExchangeFailure, command: string): DeviceError {
  switch (failure.kind) {
    case 'noReply':
      return deviceError('timeout', `no reply to ${command}`, 'noReply');
    case 'truncated':
      return deviceError('failure', `the reply to ${command} stopped after ${failure.bytes} bytes`, 'truncated');
    case 'corrupt':
      return deviceError('failure', `the reply to ${command} failed its checksum`, 'badFrame');
    case 'disconnected':
      return deviceError('offline', `the ID-card reader link closed during ${command}`, 'powerOff');
    case 'writeFailed':
      return failure.error;
    case 'cancelled':
      return deviceError('cancelled', `${command} was cancelled`);
  }
}

/** A reply whose SW3 is not the success code: `extended` with the §1.4 name as detail. */
export function fromSw3(sw3: number, command: string): DeviceError {
  const status = samStatusFromCode(sw3);
  const detail = status === 'unknown' ? `sw3-${sw3.toString(16).padStart(2, '0')}` : status;
  return deviceError('extended', `${command}: ${SAM_STATUS_MESSAGES[status]}`, detail);
}
