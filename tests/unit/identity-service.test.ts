import { describe, expect, it } from 'vitest';
import type { IdCardText } from '../../hardware/protocols/sam/id-card-text.js';
import type { KioskEvents } from '../../electron/ipc/contract.js';
import type { CardRead } from '../../electron/services/identity/id-card-reader-port.js';
import { IDENTITY_MESSAGES, IdentityService, ageOn } from '../../electron/services/identity/identity-service.js';
import { SessionService } from '../../electron/services/session/session-service.js';
import { FakeIdCardReader } from '../support/fake-id-card-reader.js';

// 2026-11-24 10:00 in the hall.
const NOW = Date.UTC(2026, 10, 24, 2, 0);

const CARD: IdCardText = {
  cardType: 'resident',
  name: '测试样本一',
  foreignName: null,
  gender: { code: '1', label: '男' },
  ethnicity: { code: '01', label: '汉' },
  birthDate: '1990-01-01',
  address: '江苏省连云港市海州区样例路1号',
  idNumber: '110000199001011239',
  issuingAuthority: '连云港市公安局海州分局',
  validFrom: '2020-01-01',
  validUntil: '2040-01-01',
  passNumber: null,
  issueCount: null,
  nationality: null,
  authorityCode: null,
  cardVersion: null,
  otherNumber: null,
};

function cardRead(text: Partial<IdCardText> = {}): CardRead {
  return { text: { ...CARD, ...text }, photo: new Uint8Array(1024).fill(0x57), warnings: [] };
}

function setUp() {
  const reader = new FakeIdCardReader();
  const session = new SessionService();
  const events: Array<{ event: keyof KioskEvents; payload: unknown }> = [];
  const identity = new IdentityService({
    reader,
    session,
    now: () => NOW,
    timeZone: 'Asia/Shanghai',
    priorityAge: 70,
    holderKey: new Uint8Array(32).fill(7),
    emit: (event, payload) => events.push({ event, payload }),
  });
  return { reader, session, events, identity };
}

describe('IdentityService', () => {
  it('computes whole years on the hall day', () => {
    expect(ageOn('1956-11-24', '2026-11-24')).toBe(70);
    expect(ageOn('1956-11-25', '2026-11-24')).toBe(69);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
  });

  it('accepts a card only while reading and sends a masked view over IPC', async () => {
    const { reader, events, identity } = setUp();
    reader.give(cardRead());
    expect(identity.view()).toBeNull();

    await identity.startReading();
    reader.give(cardRead());
    expect(events).toEqual([
      {
        event: 'identity.cardRead',
        payload: {
          cardType: 'resident',
          cardTypeLabel: '居民身份证',
          maskedName: '测****',
          maskedIdNumber: '1100**********1239',
          genderLabel: '男',
          age: 36,
          isPriority: false,
          validUntil: '2040-01-01',
        },
      },
    ]);
    const serialized = JSON.stringify(events);
    expect(serialized).not.toContain('110000199001011239');
    expect(serialized).not.toContain('测试样本一');
    expect(serialized).not.toContain('样例路');
  });

  it('puts citizens of 70 and over in the priority lane', async () => {
    const { reader, identity } = setUp();
    await identity.startReading();
    reader.give(cardRead({ birthDate: '1956-11-24' }));
    expect(identity.view()).toMatchObject({ age: 70, isPriority: true });
    expect(identity.holder()?.isPriority).toBe(true);
  });

  it('refuses an expired card with a clear message and keeps nothing', async () => {
    const { reader, events, identity } = setUp();
    await identity.startReading();
    const expired = cardRead({ validUntil: '2026-11-23' });
    reader.give(expired);
    expect(identity.view()).toBeNull();
    expect(events).toEqual([{ event: 'identity.readFailed', payload: { reason: 'expired', message: IDENTITY_MESSAGES.expired } }]);
    expect(expired.photo.every((b) => b === 0)).toBe(true);
  });

  it('accepts a long-term card', async () => {
    const { reader, identity } = setUp();
    await identity.startReading();
    reader.give(cardRead({ validUntil: 'longTerm' }));
    expect(identity.view()?.validUntil).toBe('长期');
  });

  it('reveals the full name once per card', async () => {
    const { reader, identity } = setUp();
    await identity.startReading();
    reader.give(cardRead());
    expect(identity.revealName()).toEqual({ ok: true, value: { fullName: '测试样本一' } });
    expect(identity.revealName()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    reader.give(cardRead());
    expect(identity.revealName()).toMatchObject({ ok: true });
  });

  it('recognises the holder by a keyed hash, never the number itself', async () => {
    const { reader, identity } = setUp();
    await identity.startReading();
    reader.give(cardRead());
    const holder = identity.holder();
    expect(holder?.hash).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(holder?.hash).not.toContain('110000199001011239');
    reader.give(cardRead({ idNumber: '110000199001012098' }));
    expect(identity.holder()?.hash).not.toBe(holder?.hash);
  });

  it('wipes the card and zeroes the photo when the session ends, and stops reading', async () => {
    const { reader, session, identity } = setUp();
    session.begin();
    await identity.startReading();
    const read = cardRead();
    reader.give(read);
    session.end('idleTimeout');
    expect(identity.view()).toBeNull();
    expect(identity.holder()).toBeNull();
    expect(read.photo.every((b) => b === 0)).toBe(true);
    expect(reader.isReading).toBe(false);
  });

  it('passes read failures and removals on in Chinese while reading', async () => {
    const { reader, events, identity } = setUp();
    reader.fail('cardMoved');
    expect(events).toEqual([]);
    await identity.startReading();
    reader.fail('cardMoved');
    reader.take();
    expect(events).toEqual([
      { event: 'identity.readFailed', payload: { reason: 'cardMoved', message: IDENTITY_MESSAGES.cardMoved } },
      { event: 'identity.cardRemoved', payload: {} },
    ]);
  });

  it('hands a card to an application, forgetting it, and still reports when it leaves the reader', async () => {
    const { reader, events, identity } = setUp();
    await identity.startReading();
    reader.give(cardRead());
    const taken = identity.take();
    expect(taken).toMatchObject({ cardType: 'resident', view: { maskedName: expect.stringContaining('*') as string } });
    expect(identity.view()).toBeNull();
    expect(identity.take()).toBeNull();
    events.length = 0;
    reader.take();
    expect(events).toEqual([{ event: 'identity.cardRemoved', payload: {} }]);
    reader.take();
    expect(events).toHaveLength(1);
  });

  it('forgets a card removed while reading, but keeps it once the journey stopped reading', async () => {
    const { reader, identity } = setUp();
    await identity.startReading();
    reader.give(cardRead());
    reader.take();
    expect(identity.view()).toBeNull();
    reader.give(cardRead());
    identity.stopReading();
    reader.take();
    expect(identity.view()).not.toBeNull();
  });
});
