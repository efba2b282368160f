/**
 * A small, realistic service catalogue for the fake kiosk (dev build and unit tests): twelve
 * items of four Lianyungang departments, modelled on public Jiangsu item lists, each with
 * every element of its office guide. The real one lives in assets/catalogue and is served by
 * the core; nothing here ships in a production bundle.
 *
 * The renderer carries no pinyin dictionary: {@link FAKE_PINYIN} covers only the characters
 * of these names and keywords, so the fake can search the way the core does.
 */
import type { CatalogueSummary, GuideMaterial, GuideView } from '../../electron/ipc/contract';

export const FAKE_CATALOGUE_DATE = '2025-11-01';

export const FAKE_DEPARTMENTS = [
  { id: 'public-security', name: '连云港市公安局', shortName: '公安' },
  { id: 'real-estate', name: '连云港市不动产登记中心', shortName: '不动产' },
  { id: 'human-resources', name: '连云港市人力资源和社会保障局', shortName: '人社' },
  { id: 'market-regulation', name: '连云港市市场监督管理局', shortName: '市场监管' },
] as const;

export const FAKE_LIFE_EVENTS: CatalogueSummary['lifeEvents'] = [
  { id: 'birth', name: '出生', audience: 'personal', itemCount: 0 },
  { id: 'employment', name: '就业', audience: 'personal', itemCount: 0 },
  { id: 'housing', name: '安居', audience: 'personal', itemCount: 0 },
  { id: 'retirement', name: '退休', audience: 'personal', itemCount: 0 },
  { id: 'business-start', name: '企业开办', audience: 'legalPerson', itemCount: 0 },
  { id: 'business-permit', name: '准营', audience: 'legalPerson', itemCount: 0 },
  { id: 'business-close', name: '注销', audience: 'legalPerson', itemCount: 0 },
];

/** Per department: where and when, and whom to call. */
type DepartmentId = (typeof FAKE_DEPARTMENTS)[number]['id'];

const CONTACT: Record<DepartmentId, Pick<GuideView, 'place' | 'hours' | 'phone' | 'implementingBody'>> = {
  'public-security': {
    implementingBody: '连云港市公安局',
    place: '连云港市政务服务中心一楼公安综合窗口（海州区朝阳东路32号）',
    hours: '周一至周五 9:00–12:00，13:30–17:00（法定节假日除外）',
    phone: '0518-85800110',
  },
  'real-estate': {
    implementingBody: '连云港市自然资源和规划局',
    place: '连云港市政务服务中心二楼不动产登记窗口',
    hours: '周一至周五 9:00–12:00，13:30–17:00；周六上午 9:00–12:00',
    phone: '0518-85800200',
  },
  'human-resources': {
    implementingBody: '连云港市人力资源和社会保障局',
    place: '连云港市政务服务中心三楼人社窗口',
    hours: '周一至周五 9:00–12:00，13:30–17:00（法定节假日除外）',
    phone: '0518-12333',
  },
  'market-regulation': {
    implementingBody: '连云港市市场监督管理局',
    place: '连云港市政务服务中心一楼企业开办专区',
    hours: '周一至周五 9:00–12:00，13:30–17:00（法定节假日除外）',
    phone: '0518-85800315',
  },
};

type MaterialExtra = Partial<Pick<GuideMaterial, 'condition' | 'isSharedData' | 'hasSample' | 'sampleDescription' | 'commonMistakes'>>;

function material(
  id: string,
  name: string,
  form: string,
  copies: number,
  requirement: GuideMaterial['requirement'],
  source: string,
  extra: MaterialExtra = {},
): GuideMaterial {
  return {
    id,
    name,
    form,
    copies,
    requirement,
    condition: extra.condition ?? null,
    isSharedData: extra.isSharedData ?? false,
    source,
    hasSample: extra.hasSample ?? false,
    sampleDescription: extra.sampleDescription ?? null,
    commonMistakes: extra.commonMistakes ?? [],
  };
}

const ID_CARD = (extra: MaterialExtra = {}): GuideMaterial =>
  material('id-card', '申请人居民身份证', '原件', 1, 'required', '公安机关', {
    commonMistakes: ['证件已过有效期', '带了复印件没带原件'],
    ...extra,
  });

type Seed = Omit<
  GuideView,
  'departmentShortName' | 'departmentName' | 'lifeEvents' | 'place' | 'hours' | 'phone' | 'implementingBody' | 'onlineUrl' | 'queueCategoryName'
> & { readonly departmentId: DepartmentId; readonly lifeEventIds: readonly string[] };

const BDC_FEE = '《财政部 国家发展改革委关于不动产登记收费有关政策问题的通知》（财税〔2016〕79号）';

const SEEDS: readonly Seed[] = [
  {
    code: '320700-GA-0001', name: '居民身份证换领', departmentId: 'public-security', type: '行政确认', audience: 'personal',
    isKioskApplicable: true, isPopular: true, isCommitment: false, promisedDays: 15, statutoryDays: 60,
    keywords: ['身份证', '换身份证'], lifeEventIds: [], queueCategoryId: 'general',
    acceptingWindow: '公安综合窗口 1–4 号',
    legalBasis: [{ title: '《中华人民共和国居民身份证法》', article: '第十一条' }],
    conditions: ['居民身份证有效期满、证件损坏难以辨认，或登记项目变更的', '在本市登记常住户口的中国公民'],
    process: [
      { name: '申请', description: '本人到窗口提出申请，现场采集人像和指纹' },
      { name: '受理', description: '窗口核对身份信息，收取工本费' },
      { name: '制证', description: '省公安厅统一制证' },
      { name: '领证', description: '凭回执到窗口领取，或选择邮寄送达' },
    ],
    materials: [
      ID_CARD({ condition: null }),
      material('household', '居民户口簿', '原件', 1, 'deferrable', '公安机关', { isSharedData: true }),
      material('photo', '近期免冠证件照片', '电子件', 1, 'conditional', '窗口现场拍摄', {
        condition: '不在窗口拍摄时提供符合标准的照片回执',
        hasSample: true,
        sampleDescription: '白色背景、不戴帽子和首饰、露出双耳和眉毛的正面照',
        commonMistakes: ['照片背景不是白色', '戴眼镜反光'],
      }),
    ],
    fees: { isFree: false, items: [{ name: '居民身份证工本费', amount: '20元/证', basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）' }] },
    specialSteps: [],
  },
  {
    code: '320700-GA-0002', name: '出生登记', departmentId: 'public-security', type: '行政确认', audience: 'personal',
    isKioskApplicable: false, isPopular: true, isCommitment: false, promisedDays: 0, statutoryDays: 0,
    keywords: ['上户口', '新生儿落户'], lifeEventIds: ['birth'], queueCategoryId: 'general',
    acceptingWindow: '公安综合窗口 1–4 号',
    legalBasis: [{ title: '《中华人民共和国户口登记条例》', article: '第七条' }],
    conditions: ['婴儿出生后一个月以内，由户主、亲属、抚养人或邻居申报'],
    process: [
      { name: '申报', description: '监护人携带材料到窗口申报' },
      { name: '审核登记', description: '窗口审核后当场登记，打印户口簿户口页' },
    ],
    materials: [
      material('birth-certificate', '出生医学证明', '原件', 1, 'required', '助产医疗机构', {
        commonMistakes: ['证明上的姓名与申报姓名不一致'],
      }),
      material('parents-id', '父母双方居民身份证', '原件', 1, 'required', '公安机关'),
      material('household', '随迁方居民户口簿', '原件', 1, 'required', '公安机关'),
      material('marriage', '父母结婚证', '原件', 1, 'required', '民政部门', { isSharedData: true }),
    ],
    fees: { isFree: true }, specialSteps: [],
  },
  {
    code: '320700-GA-0003', name: '居住证申领', departmentId: 'public-security', type: '行政确认', audience: 'personal',
    isKioskApplicable: false, isPopular: false, isCommitment: false, promisedDays: 7, statutoryDays: 15,
    keywords: ['暂住证'], lifeEventIds: ['housing', 'employment'], queueCategoryId: 'general',
    acceptingWindow: '公安综合窗口 1–4 号',
    legalBasis: [{ title: '《居住证暂行条例》', article: '第九条' }, { title: '《江苏省流动人口居住管理办法》', article: null }],
    conditions: ['离开常住户口所在地，到本市居住半年以上', '有合法稳定就业、合法稳定住所或连续就读之一'],
    process: [
      { name: '申请', description: '到居住地派出所或政务服务中心窗口申请' },
      { name: '审核', description: '核查居住、就业或就读情况' },
      { name: '发证', description: '审核通过后制发居住证' },
    ],
    materials: [
      ID_CARD(),
      material('residence', '居住证明（房屋租赁合同或房屋所有权证明）', '原件和复印件', 1, 'required', '出租人或不动产登记机构', {
        hasSample: true,
        sampleDescription: '租赁合同需写明房屋地址、租期，并有出租人签字',
        commonMistakes: ['租赁合同未写明详细地址'],
      }),
      material('work', '劳动合同或营业执照', '复印件', 1, 'conditional', '用人单位或市场监管部门', {
        condition: '以就业为由申领时提供',
      }),
    ],
    fees: { isFree: true }, specialSteps: [],
  },
  {
    code: '320700-BDC-0001', name: '不动产转移登记', departmentId: 'real-estate', type: '行政确认', audience: 'both',
    isKioskApplicable: false, isPopular: true, isCommitment: false, promisedDays: 3, statutoryDays: 30,
    keywords: ['房产证过户', '二手房过户'], lifeEventIds: ['housing'], queueCategoryId: 'real-estate',
    acceptingWindow: '不动产登记窗口 8–15 号',
    legalBasis: [
      { title: '《不动产登记暂行条例》', article: '第十四条' },
      { title: '《不动产登记暂行条例实施细则》', article: '第二十七条' },
    ],
    conditions: ['买卖、赠与、继承、互换等导致不动产权利转移的', '已缴纳相关税费'],
    process: [
      { name: '申请', description: '买卖双方共同到窗口提交申请' },
      { name: '受理', description: '窗口一次性告知并受理，出具受理凭证' },
      { name: '审核', description: '审核权属来源和申请材料' },
      { name: '登簿', description: '记载于不动产登记簿' },
      { name: '发证', description: '缴费后领取不动产权证书，或邮寄送达' },
    ],
    materials: [
      material('application', '不动产登记申请书', '原件', 1, 'required', '窗口领取或网上下载', {
        hasSample: true,
        sampleDescription: '样表示范了权利人、义务人、坐落和登记原因各栏的填法',
        commonMistakes: ['登记原因栏填写不完整', '未由全体共有人签字'],
      }),
      material('id-cards', '买卖双方身份证明', '原件', 1, 'required', '公安机关', { isSharedData: true }),
      material('certificate', '不动产权证书', '原件', 1, 'required', '不动产登记机构', {
        commonMistakes: ['证书遗失未先办理遗失声明'],
      }),
      material('contract', '不动产买卖合同', '原件', 1, 'required', '住房城乡建设部门备案', {
        hasSample: true,
        sampleDescription: '网签备案合同，需有双方签字和备案编号',
      }),
      material('tax', '完税凭证', '原件', 1, 'deferrable', '税务部门', { isSharedData: true }),
      material('marriage', '婚姻状况证明', '原件', 1, 'conditional', '民政部门', {
        condition: '房屋为夫妻共有或申请人已婚时提供',
        isSharedData: true,
      }),
    ],
    fees: {
      isFree: false,
      items: [
        { name: '住宅类不动产登记费', amount: '80元/件', basis: BDC_FEE },
        { name: '不动产权证书工本费', amount: '第一本免收，每增加一本10元', basis: BDC_FEE },
      ],
    },
    specialSteps: [{ name: '实地查看', days: 5 }],
  },
  {
    code: '320700-BDC-0002', name: '不动产抵押登记', departmentId: 'real-estate', type: '行政确认', audience: 'both',
    isKioskApplicable: false, isPopular: false, isCommitment: false, promisedDays: 1, statutoryDays: 30,
    keywords: ['房产抵押', '贷款抵押'], lifeEventIds: ['housing'], queueCategoryId: 'real-estate',
    acceptingWindow: '不动产登记窗口 8–15 号',
    legalBasis: [{ title: '《中华人民共和国民法典》', article: '第四百零二条' }, { title: '《不动产登记暂行条例》', article: null }],
    conditions: ['以不动产设定抵押的，当事人应当申请抵押登记'],
    process: [
      { name: '申请', description: '抵押人和抵押权人共同申请' },
      { name: '审核登簿', description: '审核后记载于登记簿' },
      { name: '发证明', description: '向抵押权人发放不动产登记证明' },
    ],
    materials: [
      material('application', '不动产登记申请书', '原件', 1, 'required', '窗口领取或网上下载', { hasSample: true, sampleDescription: '抵押登记栏目填写示例' }),
      material('id-cards', '抵押人和抵押权人身份证明', '原件', 1, 'required', '公安机关或市场监管部门'),
      material('certificate', '不动产权证书', '原件', 1, 'required', '不动产登记机构'),
      material('loan', '主债权合同和抵押合同', '原件', 1, 'required', '贷款银行', { commonMistakes: ['抵押合同未加盖银行公章'] }),
    ],
    fees: { isFree: false, items: [{ name: '住宅类不动产登记费', amount: '80元/件', basis: BDC_FEE }] },
    specialSteps: [],
  },
  {
    code: '320700-BDC-0003', name: '不动产登记资料查询', departmentId: 'real-estate', type: '公共服务', audience: 'both',
    isKioskApplicable: true, isPopular: true, isCommitment: false, promisedDays: 0, statutoryDays: 0,
    keywords: ['房产查询', '查房产证', '无房证明'], lifeEventIds: ['housing'], queueCategoryId: 'real-estate',
    acceptingWindow: '不动产登记窗口 8–15 号，或本终端自助查询',
    legalBasis: [{ title: '《不动产登记资料查询暂行办法》', article: '第十四条' }],
    conditions: ['权利人查询本人名下不动产登记结果', '利害关系人凭相关证明查询'],
    process: [
      { name: '申请', description: '刷身份证或到窗口提交查询申请' },
      { name: '出具结果', description: '当场打印查询结果' },
    ],
    materials: [ID_CARD({ isSharedData: false })],
    fees: { isFree: true }, specialSteps: [],
  },
  {
    code: '320700-RS-0001', name: '失业保险金申领', departmentId: 'human-resources', type: '行政给付', audience: 'personal',
    isKioskApplicable: true, isPopular: true, isCommitment: true, promisedDays: 3, statutoryDays: 10,
    keywords: ['失业金', '领失业金'], lifeEventIds: ['employment'], queueCategoryId: 'social-security',
    acceptingWindow: '人社窗口 20–24 号',
    legalBasis: [{ title: '《失业保险条例》', article: '第十四条' }],
    conditions: ['失业前用人单位和本人已缴纳失业保险费满一年', '非因本人意愿中断就业', '已办理失业登记并有求职要求'],
    process: [
      { name: '申请', description: '本人到窗口或线上提出申请' },
      { name: '审核', description: '核对参保缴费和离职情况' },
      { name: '发放', description: '审核通过后按月发放至社会保障卡' },
    ],
    materials: [
      ID_CARD(),
      material('leaving', '终止或解除劳动合同证明', '原件', 1, 'required', '原用人单位', {
        isSharedData: true,
        commonMistakes: ['证明未写明离职原因'],
      }),
      material('bank-card', '本人社会保障卡或银行卡', '复印件', 1, 'deferrable', '人社部门或合作银行', {
        commonMistakes: ['卡片已挂失或未激活金融功能'],
      }),
    ],
    fees: { isFree: true }, specialSteps: [],
  },
  {
    code: '320700-RS-0002', name: '基本养老保险待遇申领', departmentId: 'human-resources', type: '行政给付', audience: 'personal',
    isKioskApplicable: false, isPopular: false, isCommitment: false, promisedDays: 5, statutoryDays: 20,
    keywords: ['退休', '养老金', '办退休'], lifeEventIds: ['retirement'], queueCategoryId: 'social-security',
    acceptingWindow: '人社窗口 20–24 号',
    legalBasis: [{ title: '《中华人民共和国社会保险法》', article: '第十六条' }],
    conditions: ['达到法定退休年龄', '累计缴费满十五年'],
    process: [
      { name: '申请', description: '本人或单位提交待遇申领' },
      { name: '审核', description: '核定缴费年限和视同缴费年限' },
      { name: '公示', description: '特殊工种提前退休的，在单位内公示' },
      { name: '核定发放', description: '核定待遇，次月起按月发放' },
    ],
    materials: [
      ID_CARD(),
      material('archive', '本人档案', '原件', 1, 'conditional', '档案保管机构', { condition: '需核定视同缴费年限时提供' }),
      material('bank', '社会保障卡', '原件', 1, 'required', '人社部门', { isSharedData: true }),
    ],
    fees: { isFree: true }, specialSteps: [{ name: '公示', days: 5 }],
  },
  {
    code: '320700-RS-0003', name: '社会保障卡申领', departmentId: 'human-resources', type: '公共服务', audience: 'personal',
    isKioskApplicable: true, isPopular: true, isCommitment: false, promisedDays: 0, statutoryDays: 0,
    keywords: ['社保卡', '补办社保卡'], lifeEventIds: ['birth', 'employment'], queueCategoryId: 'social-security',
    acceptingWindow: '人社窗口 20–24 号（即时制卡）',
    legalBasis: [{ title: '《社会保障卡管理办法》', article: null }],
    conditions: ['已在本市参加社会保险的人员', '新生儿凭出生登记申领'],
    process: [
      { name: '申请', description: '刷身份证，选择合作银行' },
      { name: '制卡', description: '现场即时制卡，当场领取' },
    ],
    materials: [
      ID_CARD(),
      material('photo', '近期免冠证件照片', '电子件', 1, 'deferrable', '窗口现场拍摄', {
        hasSample: true,
        sampleDescription: '白色背景正面免冠照',
      }),
    ],
    fees: { isFree: true }, specialSteps: [],
  },
  {
    code: '320700-SJ-0001', name: '企业设立登记', departmentId: 'market-regulation', type: '行政许可', audience: 'legalPerson',
    isKioskApplicable: false, isPopular: true, isCommitment: false, promisedDays: 1, statutoryDays: 15,
    keywords: ['营业执照', '开公司', '注册公司'], lifeEventIds: ['business-start'], queueCategoryId: 'enterprise',
    acceptingWindow: '企业开办专区 30–35 号',
    legalBasis: [
      { title: '《中华人民共和国市场主体登记管理条例》', article: '第三条' },
      { title: '《中华人民共和国公司法》', article: '第二十九条' },
    ],
    conditions: ['有符合规定的名称、住所、注册资本和经营范围', '股东、法定代表人符合任职资格'],
    process: [
      { name: '名称自主申报', description: '在江苏政务服务网自主申报企业名称' },
      { name: '提交申请', description: '线上提交或到窗口提交设立申请' },
      { name: '审核', description: '登记机关审核材料' },
      { name: '领照', description: '领取营业执照，同步刻制公章、申领发票' },
    ],
    materials: [
      material('application', '公司登记（备案）申请书', '原件', 1, 'required', '窗口领取或网上生成', {
        hasSample: true,
        sampleDescription: '样表示范了名称、住所、注册资本和经营范围的填法',
        commonMistakes: ['经营范围未按规范表述填写', '住所地址与产权证明不一致'],
      }),
      material('articles', '公司章程', '原件', 1, 'required', '申请人自备', { hasSample: true, sampleDescription: '有限责任公司章程范本' }),
      material('shareholders', '股东主体资格证明', '复印件', 1, 'required', '公安机关或登记机关'),
      material('premises', '住所使用证明', '原件', 1, 'deferrable', '产权人', { isSharedData: true }),
    ],
    fees: { isFree: true }, specialSteps: [],
  },
  {
    code: '320700-SJ-0002', name: '食品经营许可', departmentId: 'market-regulation', type: '行政许可', audience: 'legalPerson',
    isKioskApplicable: false, isPopular: false, isCommitment: true, promisedDays: 5, statutoryDays: 20,
    keywords: ['食品许可证', '开饭店'], lifeEventIds: ['business-permit'], queueCategoryId: 'enterprise',
    acceptingWindow: '企业开办专区 30–35 号',
    legalBasis: [{ title: '《中华人民共和国食品安全法》', article: '第三十五条' }, { title: '《食品经营许可和备案管理办法》', article: null }],
    conditions: ['具有与经营的食品品种、数量相适应的经营场所', '有专职或兼职的食品安全管理人员和规章制度'],
    process: [
      { name: '申请', description: '提交申请并签署告知承诺书' },
      { name: '受理', description: '材料齐全的当场受理' },
      { name: '现场核查', description: '必要时对经营场所进行现场核查' },
      { name: '发证', description: '作出许可决定并发放许可证' },
    ],
    materials: [
      material('application', '食品经营许可申请书', '原件', 1, 'required', '窗口领取或网上下载', { hasSample: true, sampleDescription: '经营项目勾选示例' }),
      material('licence', '营业执照', '复印件', 1, 'required', '市场监管部门', { isSharedData: true }),
      material('layout', '经营场所平面布局图', '原件', 1, 'required', '申请人自备', {
        commonMistakes: ['未标明操作流程和设备位置'],
      }),
      material('commitment', '告知承诺书', '原件', 1, 'required', '窗口领取'),
    ],
    fees: { isFree: true }, specialSteps: [{ name: '现场核查', days: 10 }],
  },
  {
    code: '320700-SJ-0003', name: '企业注销登记', departmentId: 'market-regulation', type: '行政确认', audience: 'legalPerson',
    isKioskApplicable: false, isPopular: false, isCommitment: false, promisedDays: 1, statutoryDays: 10,
    keywords: ['公司注销', '简易注销'], lifeEventIds: ['business-close'], queueCategoryId: 'enterprise',
    acceptingWindow: '企业开办专区 30–35 号',
    legalBasis: [{ title: '《中华人民共和国市场主体登记管理条例》', article: '第三十一条' }],
    conditions: ['已完成清算，或未发生债权债务的可申请简易注销'],
    process: [
      { name: '清算或公告', description: '成立清算组清算，或简易注销公示' },
      { name: '申请', description: '提交注销登记申请' },
      { name: '核准', description: '登记机关核准注销' },
    ],
    materials: [
      material('application', '企业注销登记申请书', '原件', 1, 'required', '窗口领取或网上生成', { hasSample: true, sampleDescription: '注销原因填写示例' }),
      material('resolution', '股东会决议', '原件', 1, 'required', '申请人自备'),
      material('report', '清算报告', '原件', 1, 'conditional', '清算组', { condition: '一般注销时提供' }),
    ],
    fees: { isFree: true }, specialSteps: [{ name: '公告', days: 20 }],
  },
];

const CATEGORY_NAMES: Record<string, string> = {
  general: '综合受理',
  'real-estate': '不动产登记',
  'social-security': '社保医保',
  enterprise: '企业开办',
};

/** Every item's full guide, in catalogue order. */
export const FAKE_GUIDES: readonly GuideView[] = SEEDS.map(({ departmentId, lifeEventIds, ...seed }): GuideView => {
  const department = FAKE_DEPARTMENTS.find((d) => d.id === departmentId) ?? FAKE_DEPARTMENTS[0];
  return {
    ...seed,
    ...CONTACT[departmentId],
    departmentName: department.name,
    departmentShortName: department.shortName,
    onlineUrl: `https://www.jszwfw.gov.cn/lyg/item/${seed.code}`,
    queueCategoryName: CATEGORY_NAMES[seed.queueCategoryId] ?? seed.queueCategoryId,
    lifeEvents: lifeEventIds.map((id) => FAKE_LIFE_EVENTS.find((event) => event.id === id)?.name ?? id),
  };
});

/** Department and life events of each item, by code, for the list filters. */
export const FAKE_ITEM_FILTERS: ReadonlyMap<string, { readonly departmentId: string; readonly lifeEventIds: readonly string[] }> =
  new Map(SEEDS.map((seed) => [seed.code, { departmentId: seed.departmentId, lifeEventIds: seed.lifeEventIds }]));

/**
 * Toneless pinyin of every character in the names and keywords above (and nothing else):
 * enough for the fake to match full pinyin and initials. Pairs of character and syllable.
 */
const PINYIN_TABLE =
  '居ju 民min 身shen 份fen 证zheng 换huan 领ling 出chu 生sheng 登deng 记ji 住zhu 申shen 不bu 动dong 产chan ' +
  '转zhuan 移yi 抵di 押ya 资zi 料liao 查cha 询xun 失shi 业ye 保bao 险xian 金jin 基ji 本ben 养yang 老lao ' +
  '待dai 遇yu 社she 会hui 障zhang 卡ka 企qi 设she 立li 食shi 品pin 经jing 营ying 许xu 可ke 注zhu 销xiao ' +
  '上shang 户hu 口kou 新xin 儿er 落luo 暂zan 房fang 过guo 二er 手shou 贷dai 款kuan 无wu 明ming 退tui 休xiu ' +
  '办ban 补bu 执zhi 照zhao 开kai 公gong 司si 册ce 饭fan 店dian 简jian 易yi';

export const FAKE_PINYIN: ReadonlyMap<string, string> = new Map(
  PINYIN_TABLE.split(' ').map((pair) => [pair.slice(0, 1), pair.slice(1)] as const),
);

/** Words offered as candidates besides the names and keywords themselves. */
export const FAKE_VOCABULARY: readonly string[] = [
  '不动产', '登记', '身份证', '居住证', '营业执照', '社保卡', '养老', '失业', '保险', '企业', '注销', '查询',
  '抵押', '转移', '出生', '许可', '食品', '户口', '房产', '过户', '公司', '退休', '申领', '换领',
];
