import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QR_BYTES, appointmentQrText, classifyScan, receiptQrText } from '../../electron/services/scan/scan-payload.js';

const BASE = 'https://zwfw.lyg.gov.cn';
const RECEIPT = `${BASE}/progress?case=ZZ20261124000001&v=AB12CD34`;

describe('classifyScan', () => {
  it('recognises the receipt and appointment codes the kiosk prints', () => {
    expect(classifyScan({ text: receiptQrText(BASE, 'ZZ20261124000001', 'AB12CD34') }, BASE)).toEqual({
      kind: 'receipt',
      caseNumber: 'ZZ20261124000001',
      verifier: 'AB12CD34',
    });
    expect(classifyScan({ text: `${appointmentQrText(BASE, 'YY202611240001', 'K9M2P4Q7')}\r\n` }, BASE)).toEqual({
      kind: 'appointment',
      code: 'YY202611240001',
      verifier: 'K9M2P4Q7',
    });
  });

  it('honours a base path', () => {
    const base = 'https://gov.example.cn/zwfw/';
    expect(classifyScan({ text: receiptQrText(base, 'ZZ20261124000001', 'AB12CD34') }, base)).toMatchObject({ kind: 'receipt' });
    expect(classifyScan({ text: 'https://gov.example.cn/progress?case=ZZ20261124000001&v=AB12CD34' }, base)).toMatchObject({ reason: 'unknownFormat' });
  });

  it.each([
    ['javascript:alert(1)', 'unsafe'],
    ['JaVaScRiPt:alert(1)//https://zwfw.lyg.gov.cn/progress', 'unsafe'],
    ['data:text/html,<script>alert(1)</script>', 'unsafe'],
    ['https://evil.example/progress?case=ZZ20261124000001&v=AB12CD34', 'otherHost'],
    ['https://zwfw.lyg.gov.cn.evil.example/progress?case=ZZ20261124000001&v=AB12CD34', 'otherHost'],
    ['https://zwfw.lyg.gov.cn@evil.example/progress?case=ZZ20261124000001&v=AB12CD34', 'unsafe'],
    ['https://user:pw@zwfw.lyg.gov.cn/progress?case=ZZ20261124000001&v=AB12CD34', 'unsafe'],
    ['http://zwfw.lyg.gov.cn/progress?case=ZZ20261124000001&v=AB12CD34', 'otherHost'],
    ['https://zwfw.lyg.gov.cn:8443/progress?case=ZZ20261124000001&v=AB12CD34', 'otherHost'],
    // IDN look-alike: Cyrillic "у" in lyg.
    ['https://zwfw.lуg.gov.cn/progress?case=ZZ20261124000001&v=AB12CD34', 'otherHost'],
    [`${RECEIPT}\u202e`, 'unsafe'],
    [`${RECEIPT.slice(0, 20)}\u200b${RECEIPT.slice(20)}`, 'unsafe'],
    [`${RECEIPT}\u0000`, 'unsafe'],
    ['https://zwfw.lyg.gov.cn/progress?case=ＺＺ２０２６１１２４０００００１&v=AB12CD34', 'unsafe'],
    [`${RECEIPT}&case=ZZ20261124000002`, 'unknownFormat'],
    [`${RECEIPT}&x=1`, 'unknownFormat'],
    [`${RECEIPT}#frag`, 'unknownFormat'],
    ['https://zwfw.lyg.gov.cn/progress?case=zz20261124000001&v=AB12CD34', 'unknownFormat'],
    ['https://zwfw.lyg.gov.cn/progress?case=ZZ1&v=AB12CD34', 'unknownFormat'],
    ['https://zwfw.lyg.gov.cn/admin?case=ZZ20261124000001&v=AB12CD34', 'unknownFormat'],
    ['6901234567892', 'unknownFormat'],
    ['{"__proto__":{"polluted":1},"case":"ZZ20261124000001"}', 'unknownFormat'],
    ['<img src=x onerror=alert(1)>', 'unknownFormat'],
    ['', 'garbled'],
    ['x'.repeat(MAX_QR_BYTES + 1), 'tooLong'],
    ['汉'.repeat(1000), 'tooLong'],
  ])('refuses %s as %s', (text, reason) => {
    const result = classifyScan({ text }, BASE);
    expect(result).toMatchObject({ kind: 'refused', reason });
    if (result.kind === 'refused') expect(result.message).toMatch(/[\u4e00-\u9fff]/u);
  });

  it('refuses non-ASCII text whose charset the scanner could not tell', () => {
    expect(classifyScan({ text: 'ÁªÍ¨', isCharsetUncertain: true }, BASE)).toMatchObject({ reason: 'garbled' });
    expect(classifyScan({ text: RECEIPT, isCharsetUncertain: true }, BASE)).toMatchObject({ kind: 'receipt' });
  });

  it('never throws and never echoes the scanned text in its message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
        const result = classifyScan({ text }, BASE);
        if (result.kind === 'refused' && text.length > 3) expect(result.message.includes(text)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
