import { describe, expect, it } from 'vitest';
import type { KioskHandlers, MethodArgument } from '../../electron/ipc/contract.js';
import { MAX_ARGUMENT_BYTES, createRouter } from '../../electron/ipc/router.js';
import { createFakeKioskHandlers } from '../support/fake-kiosk-handlers.js';

function makeHandlers(calls: string[]): KioskHandlers {
  return {
    ...createFakeKioskHandlers(),
    'system.getStatus': () => Promise.reject(new Error('not used')),
    'queue.takeTicket': (arg: MethodArgument<'queue.takeTicket'>) => {
      calls.push(arg.categoryId);
      return Promise.resolve({ ok: false, error: { code: 'notFound', message: '该业务类别不存在' } });
    },
    'session.end': () => {
      throw new Error('boom with 320102199001011234 inside');
    },
  };
}

describe('router', () => {
  it('calls the handler with the parsed argument and returns its result', async () => {
    const calls: string[] = [];
    const router = createRouter(makeHandlers(calls));
    await expect(router.dispatch('queue.listCategories', {})).resolves.toEqual({ ok: true, value: [] });
    await expect(router.dispatch('queue.takeTicket', { categoryId: 'general' })).resolves.toEqual({
      ok: false,
      error: { code: 'notFound', message: '该业务类别不存在' },
    });
    expect(calls).toEqual(['general']);
  });

  it.each([
    ['an unknown method', 'queue.dropTable', {}],
    ['a prototype key as method', '__proto__', {}],
    ['an inherited method name', 'toString', {}],
    ['a non-string method', 42, {}],
    ['a method with the channel prefix', 'kiosk:queue.takeTicket', { categoryId: 'general' }],
  ])('refuses %s', async (_name, method, arg) => {
    const calls: string[] = [];
    const result = await createRouter(makeHandlers(calls)).dispatch(method, arg);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknownMethod' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a missing argument', undefined],
    ['null', null],
    ['an array', [{ categoryId: 'general' }]],
    ['a wrong type', { categoryId: 7 }],
    ['an extra key', { categoryId: 'general', admin: true }],
    ['a __proto__ key', JSON.parse('{"categoryId":"general","__proto__":{"isAdmin":true}}') as unknown],
    ['a constructor key', { categoryId: 'general', constructor: { prototype: {} } }],
    ['an empty id', { categoryId: '' }],
    ['a path in the id', { categoryId: '../../etc/passwd' }],
    ['an id with control characters', { categoryId: 'general\u0000' }],
    ['a bidi override', { categoryId: 'gen\u202eeral' }],
    ['a huge string', { categoryId: 'a'.repeat(MAX_ARGUMENT_BYTES + 10) }],
    ['a long id', { categoryId: 'a'.repeat(33) }],
    ['NaN', { categoryId: Number.NaN }],
    ['a Map', new Map([['categoryId', 'general']])],
    ['a typed array', new Uint8Array([1, 2, 3])],
  ])('refuses %s as argument without calling the handler', async (_name, arg) => {
    const calls: string[] = [];
    const result = await createRouter(makeHandlers(calls)).dispatch('queue.takeTicket', arg);
    expect(result).toEqual({ ok: false, error: { code: 'invalidArgument', message: expect.stringMatching(/请/u) as unknown } });
    expect(calls).toEqual([]);
  });

  it('refuses arguments that cannot be serialized (cycles, BigInt)', async () => {
    const cyclic: Record<string, unknown> = { categoryId: 'general' };
    cyclic['self'] = cyclic;
    const router = createRouter(makeHandlers([]));
    await expect(router.dispatch('queue.takeTicket', cyclic)).resolves.toMatchObject({ error: { code: 'invalidArgument' } });
    await expect(router.dispatch('queue.takeTicket', { categoryId: 1n })).resolves.toMatchObject({ error: { code: 'invalidArgument' } });
  });

  it('turns a thrown handler error into a generic internal error without its text', async () => {
    const result = await createRouter(makeHandlers([])).dispatch('session.end', { reason: 'home' });
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: '系统繁忙，请稍后再试' } });
    expect(JSON.stringify(result)).not.toContain('3201');
  });

  it('turns a rejected handler promise into an internal error', async () => {
    const result = await createRouter(makeHandlers([])).dispatch('system.getStatus', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
