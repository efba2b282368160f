import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../hardware/protocols/sam/id-card-text.js';
import { maskAddress, maskIdNumber, maskName } from '../../electron/services/privacy/mask.js';

describe('R-P2 masks', () => {
  it('keeps 4 + 4 of an ID number', () => {
    expect(maskIdNumber('110000199001011234')).toBe('1100**********1234');
    expect(maskIdNumber('81000019800101123X')).toBe('8100**********123X');
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('leaves exactly 8 digits visible for any checksum-valid GB 11643 number (property)', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 }).map((d) => d.join(''));
    fc.assert(
      fc.property(digits, (first17) => {
        const id = `${first17}${idNumberCheckDigit(first17)}`;
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.replace(/\*/gu, '')).toHaveLength(8);
        expect(masked.includes(id.slice(4, 14))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['测试样本一', '测****'],
    ['买买提·艾力', '买**·**'],
    ['JOHN SMITH', 'J*** S****'],
    ['  李四 ', '李*'],
    ['', ''],
  ])('masks the name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['江苏省连云港市海州区样例路1号', '江苏省连云港市海州区'],
    ['北京市东城区样例胡同2号', '北京市东城区'],
    ['江苏省沭阳县样例镇3组', '江苏省沭阳县'],
    ['样例地址', '***'],
  ])('masks the address %s to the district', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});
