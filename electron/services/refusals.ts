/**
 * Refusals more than one area of the core answers with, worded once. Typed as the failure
 * alone, so a handler returning one of these or a value infers the value's type.
 */
import type { IpcError } from '../ipc/contract.js';

type Refusal = { readonly ok: false; readonly error: IpcError };

export const NO_SUCH_ITEM: Refusal = { ok: false, error: { code: 'notFound', message: '未找到该事项，请返回重新查找' } };
/** A dev call (dev panel) on a terminal whose device is real. */
export const NOT_SIMULATED: Refusal = { ok: false, error: { code: 'forbidden', message: '仅模拟设备可用' } };
