/**
 * Code tables of the ID card text block (shared/protocols.md §1.7): gender (GB/T 2261.1)
 * and ethnic group 民族 (GB/T 3304). Unknown codes are kept raw, never thrown on.
 */

/** Gender labels per GB/T 2261.1 code (§1.7). */
export const GENDER_LABELS: Readonly<Record<string, string>> = {
  '0': '未知',
  '1': '男',
  '2': '女',
  '9': '未说明',
};

/**
 * Ethnic group names per GB/T 3304 code (§1.7): the 56 groups plus 97 其他 and 98
 * 外国血统中国籍人士. These are the standard names ("汉族"); the card face prints them
 * without the trailing 族 (see {@link ethnicityCardFaceName}).
 */
export const ETHNICITY_LABELS: Readonly<Record<string, string>> = {
  '01': '汉族',
  '02': '蒙古族',
  '03': '回族',
  '04': '藏族',
  '05': '维吾尔族',
  '06': '苗族',
  '07': '彝族',
  '08': '壮族',
  '09': '布依族',
  '10': '朝鲜族',
  '11': '满族',
  '12': '侗族',
  '13': '瑶族',
  '14': '白族',
  '15': '土家族',
  '16': '哈尼族',
  '17': '哈萨克族',
  '18': '傣族',
  '19': '黎族',
  '20': '傈僳族',
  '21': '佤族',
  '22': '畲族',
  '23': '高山族',
  '24': '拉祜族',
  '25': '水族',
  '26': '东乡族',
  '27': '纳西族',
  '28': '景颇族',
  '29': '柯尔克孜族',
  '30': '土族',
  '31': '达斡尔族',
  '32': '仫佬族',
  '33': '羌族',
  '34': '布朗族',
  '35': '撒拉族',
  '36': '毛南族',
  '37': '仡佬族',
  '38': '锡伯族',
  '39': '阿昌族',
  '40': '普米族',
  '41': '塔吉克族',
  '42': '怒族',
  '43': '乌孜别克族',
  '44': '俄罗斯族',
  '45': '鄂温克族',
  '46': '德昂族',
  '47': '保安族',
  '48': '裕固族',
  '49': '京族',
  '50': '塔塔尔族',
  '51': '独龙族',
  '52': '鄂伦春族',
  '53': '赫哲族',
  '54': '门巴族',
  '55': '珞巴族',
  '56': '基诺族',
  '97': '其他',
  '98': '外国血统中国籍人士',
};

/** A code with its label; unknown codes get the label `未知(<code>)`. */
export interface CodedValue {
  readonly code: string;
  readonly label: string;
}

function lookup(table: Readonly<Record<string, string>>, code: string): CodedValue {
  const label = Object.hasOwn(table, code) ? table[code] : undefined;
  return { code, label: label ?? `未知(${code})` };
}

/** Gender by code; an unknown code keeps its raw value with label `未知(<code>)`. */
export function genderFromCode(code: string): CodedValue {
  return lookup(GENDER_LABELS, code);
}

/** Ethnic group by 2-digit code; an unknown code keeps its raw value, label `未知(<code>)`. */
export function ethnicityFromCode(code: string): CodedValue {
  return lookup(ETHNICITY_LABELS, code);
}

/** The card-face form of an ethnic group name: "汉族" → "汉"; 其他 etc. unchanged (§1.7). */
export function ethnicityCardFaceName(label: string): string {
  return label.length > 1 && label.endsWith('族') ? label.slice(0, -1) : label;
}
