/**
 * The one router both hosts call: it checks the method name against the contract, validates
 * the argument with the method's zod schema, calls the implementation, and always resolves to
 * an {@link IpcResult}. Thrown errors are bugs: they are logged (without arguments, which may
 * carry personal data) and reach the renderer only as a generic `internal` error.
 */
import createDebug from 'debug';
import {
  type IpcError,
  type IpcResult,
  type KioskHandlers,
  type MethodName,
  isMethodName,
  methodSchemas,
} from './contract.js';

const debug = createDebug('kiosk:ipc:router');

/** Serialized arguments above this size are refused before parsing (bytes of JSON text). */
export const MAX_ARGUMENT_BYTES = 64 * 1024;

export const ROUTER_MESSAGES = {
  invalidArgument: '请求内容有误，请返回首页重新操作',
  unknownMethod: '不支持的操作',
  internal: '系统繁忙，请稍后再试',
} as const;

export interface Router {
  /** Dispatches one call. Never throws, never rejects. */
  dispatch(method: unknown, arg: unknown): Promise<IpcResult<unknown>>;
}

function failure(code: IpcError['code'], message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/**
 * A structured-clone or JSON result of an object literal. zod's `z.object({}).strict()` alone
 * accepts a Map, Set or Date (no own keys), which structured clone lets through IPC.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Rough size of a structured-clone/JSON value without serializing huge inputs twice. */
function exceedsSize(arg: unknown): boolean {
  try {
    const text = JSON.stringify(arg);
    return text !== undefined && text.length > MAX_ARGUMENT_BYTES;
  } catch {
    // Cycles, BigInt: not something the contract ever accepts.
    return true;
  }
}

export function createRouter(handlers: KioskHandlers): Router {
  return {
    async dispatch(method, arg) {
      if (!isMethodName(method)) {
        debug('refused unknown method %s', typeof method === 'string' ? method.slice(0, 64) : typeof method);
        return failure('unknownMethod', ROUTER_MESSAGES.unknownMethod);
      }
      if (!isPlainObject(arg) || exceedsSize(arg)) {
        debug('refused %s: not a plain object, too large or not serializable', method);
        return failure('invalidArgument', ROUTER_MESSAGES.invalidArgument);
      }
      const parsed = methodSchemas[method].safeParse(arg);
      if (!parsed.success) {
        debug('refused %s: %s', method, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; '));
        return failure('invalidArgument', ROUTER_MESSAGES.invalidArgument);
      }
      try {
        return await callHandler(handlers, method, parsed.data);
      } catch (error) {
        debug('handler %s threw: %s', method, error instanceof Error ? error.stack : String(error));
        return failure('internal', ROUTER_MESSAGES.internal);
      }
    },
  };
}

function callHandler<M extends MethodName>(handlers: KioskHandlers, method: M, arg: unknown): Promise<IpcResult<unknown>> {
  // The schema for `method` produced `arg`, so it has the handler's argument type.
  const handler = handlers[method] as (a: unknown) => Promise<IpcResult<unknown>>;
  return handler(arg);
}
