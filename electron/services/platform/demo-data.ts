/**
 * Demo cases and appointments on the local platform for a fully simulated terminal (dev,
 * demos, e2e): the specimen cards' holders (synthetic people, tests never use real ones)
 * get a case in each interesting state and appointments around now, so 办件查询 and 预约签到
 * can be tried with the simulated reader and scanner. Never seeded on a terminal with real
 * devices, and only into an empty local platform.
 */
import { SPECIMEN_CARDS } from '../../../hardware/simulators/id-card-reader/specimens.js';
import type { GuideView } from '../../ipc/contract.js';
import { hallTime } from '../clock.js';
import type { LocalPlatform } from './local-platform.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

interface DemoItem {
  readonly code: string;
  readonly fallbackName: string;
  readonly fallbackDepartment: string;
}

const ACCEPTED: DemoItem = { code: '320700-ZR-QR-0001', fallbackName: '国有建设用地使用权及房屋所有权转移登记（二手房买卖）', fallbackDepartment: '市自然资源和规划局' };
const CORRECTION: DemoItem = { code: '320700-YB-JF-0006', fallbackName: '生育津贴申领', fallbackDepartment: '市医疗保障局' };
const COMPLETED: DemoItem = { code: '320700-GA-QR-0001', fallbackName: '居民身份证换领', fallbackDepartment: '市公安局' };

export function isLocalPlatformEmpty(platform: LocalPlatform): boolean {
  const recent = platform.recent(1);
  return recent.cases.length === 0 && recent.appointments.length === 0;
}

export function seedDemoData(platform: LocalPlatform, options: { readonly now: number; readonly timeZone: string; readonly guide: (code: string) => GuideView | null }): void {
  const { now, timeZone, guide } = options;
  const holder = SPECIMEN_CARDS.resident;
  const elder = SPECIMEN_CARDS['resident-elder'];
  const caseOf = (item: DemoItem, promisedInDays: number) => {
    const found = guide(item.code);
    return {
      itemCode: item.code,
      itemName: found?.name ?? item.fallbackName,
      departmentName: found?.departmentName ?? item.fallbackDepartment,
      applicantName: holder.name,
      idNumber: holder.idNumber,
      promisedDate: hallTime(now + promisedInDays * DAY_MS, timeZone).day,
      collection: { method: '窗口领取', place: found?.place.split('；')[0] ?? '连云港市政务服务中心', hours: found?.hours ?? '工作日 9:00–17:00' },
    };
  };
  const accepted = platform.addCase(caseOf(ACCEPTED, 5));
  platform.setCaseStatus(accepted.caseNumber, 'accepted', { note: '材料齐全，已受理' });
  const correction = platform.addCase(caseOf(CORRECTION, 10));
  platform.setCaseStatus(correction.caseNumber, 'correctionRequired', {
    note: '请补正以下材料',
    missingMaterials: [
      { name: '婴儿出生医学证明', reason: '上传的图片模糊，无法辨认编号' },
      { name: '银行账户信息', reason: '未提供本人社会保障卡银行账户' },
    ],
  });
  const completed = platform.addCase(caseOf(COMPLETED, 0));
  platform.setCaseStatus(completed.caseNumber, 'accepted', { note: null });
  platform.setCaseStatus(completed.caseNumber, 'completed', { note: '证件已制作完成，请按时领取' });

  const slot = (startInMinutes: number) => {
    // Slots on the half hour, as booking systems hand them out; the first half hour from
    // now is always inside the usual check-in window (30 min early to 15 min late).
    const start = Math.ceil((now + startInMinutes * MINUTE_MS) / (30 * MINUTE_MS)) * 30 * MINUTE_MS;
    return { slotStart: start, slotEnd: start + 30 * MINUTE_MS };
  };
  platform.addAppointment({ categoryId: 'real-estate', itemName: ACCEPTED.fallbackName, applicantName: elder.name, idNumber: elder.idNumber, ...slot(0) });
  platform.addAppointment({ categoryId: 'social-insurance', itemName: CORRECTION.fallbackName, applicantName: holder.name, idNumber: holder.idNumber, ...slot(240) });
}
