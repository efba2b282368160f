/**
 * What makes an admin PIN acceptable (R-P7). A PIN has only 10^6–10^12 values, so the real
 * protection is the lockout; these rules only keep out the PINs someone would try first.
 */
import { type Result, err, ok } from '../../../hardware/result.js';

export const PIN_MIN_DIGITS = 6;
export const PIN_MAX_DIGITS = 12;

export type PinRule = 'format' | 'sameDigit' | 'sequence' | 'repeatedGroup';

export interface PinRuleFailure {
  readonly rule: PinRule;
  /** Plain words for the PIN pad, in Chinese and English. */
  readonly message: { readonly zh: string; readonly en: string };
}

const MESSAGES: Record<PinRule, PinRuleFailure['message']> = {
  format: {
    zh: `PIN 须为 ${PIN_MIN_DIGITS}–${PIN_MAX_DIGITS} 位数字`,
    en: `The PIN must be ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits.`,
  },
  sameDigit: { zh: 'PIN 不能全部是同一个数字', en: 'The PIN must not be one digit repeated.' },
  sequence: {
    zh: 'PIN 不能是连续的数字（如 123456、654321）',
    en: 'The PIN must not be a run of consecutive digits such as 123456 or 654321.',
  },
  repeatedGroup: {
    zh: 'PIN 不能是重复的数字组（如 121212、123123）',
    en: 'The PIN must not repeat a short group of digits such as 121212 or 123123.',
  },
};

const PIN_FORMAT = new RegExp(`^[0-9]{${PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`, 'u');

/** Only ASCII digits of the right length; says nothing about strength. */
export function isPinFormat(pin: string): boolean {
  return PIN_FORMAT.test(pin);
}

export function checkPinRules(pin: string): Result<void, PinRuleFailure> {
  const refuse = (rule: PinRule): Result<void, PinRuleFailure> => err({ rule, message: MESSAGES[rule] });
  if (!isPinFormat(pin)) return refuse('format');
  const digits = [...pin].map(Number);
  if (digits.every((d) => d === digits[0])) return refuse('sameDigit');
  // Steps of +1 or −1 modulo 10, so 890123 and 210987 count as runs too.
  const steps = digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return refuse('sequence');
  for (let period = 2; period <= pin.length / 2; period += 1) {
    if (pin.length % period === 0 && pin.slice(0, period).repeat(pin.length / period) === pin) return refuse('repeatedGroup');
  }
  return ok(undefined);
}
