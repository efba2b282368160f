import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installLockdown } from '../../renderer/components/lockdown';

function dispatch(target: EventTarget, type: string, init: Record<string, unknown> = {}): boolean {
  const event = Object.assign(new Event(type, { cancelable: true }), init);
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('kiosk lockdown (R-K2)', () => {
  it('refuses the context menu, dragging, dropping, selecting and ctrl+wheel zoom', () => {
    const target = new EventTarget();
    const remove = installLockdown(target);
    for (const type of ['contextmenu', 'dragstart', 'dragover', 'drop', 'selectstart']) {
      expect(dispatch(target, type), type).toBe(true);
    }
    expect(dispatch(target, 'wheel', { ctrlKey: true })).toBe(true);
    expect(dispatch(target, 'wheel', { ctrlKey: false })).toBe(false);
    expect(dispatch(target, 'click')).toBe(false);
    remove();
    expect(dispatch(target, 'contextmenu')).toBe(false);
    expect(dispatch(target, 'wheel', { ctrlKey: true })).toBe(false);
  });
});

describe('index.html (R-E3)', () => {
  const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');

  it('has no inline script or style for the CSP to refuse', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gu)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/u);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/u);
    expect(html).not.toMatch(/\sstyle=/u);
    expect(html).not.toMatch(/\son[a-z]+=/u);
  });

  it('is Chinese, titled, and fixed to the screen', () => {
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain('<title>政务服务自助终端</title>');
    expect(html).toMatch(/name="viewport"[^>]*user-scalable=no/u);
    // The web host puts its token right after this exact tag.
    expect(html).toContain('<head>');
  });
});
