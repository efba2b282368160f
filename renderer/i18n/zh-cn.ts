/**
 * Screen copy in Simplified Chinese, the terminal's first language. Short, polite and
 * concrete: say what to do next. Text that comes from the core (category names, error
 * messages, out-of-service reasons) is already Chinese and is shown as it is.
 */
export const zhCN = {
  app: {
    title: '政务服务自助终端',
    terminal: '终端 {{terminalId}}',
    simulated: '模拟设备',
    goHome: '返回首页',
    starting: '正在启动，请稍候…',
    help: '如需帮助，请联系大厅工作人员',
  },
  boot: {
    connectFailed: '终端暂时无法连接服务系统，正在自动重试',
  },
  home: {
    greeting: '您好，请选择要办理的业务',
    comingSoon: '即将开放',
    careMode: '关怀模式',
    careModeHint: '大字体 · 高对比',
    standardMode: '标准模式',
    language: 'English',
  },
  services: {
    ticket: { name: '取号', hint: '排队取号，到窗口办理' },
    guide: { name: '办事指南', hint: '查看办理条件、材料和流程' },
    application: { name: '自助申办', hint: '刷身份证，自助提交申请' },
    progress: { name: '办件查询', hint: '查询办件进度和结果' },
    appointment: { name: '预约签到', hint: '已预约的群众在此签到' },
    evaluation: { name: '好差评', hint: '评价本次服务' },
  },
  steps: {
    label: '办理步骤',
    chooseCategory: '选择类别',
    takeTicket: '取号',
    current: '当前步骤',
  },
  category: {
    title: '请选择业务类别',
    waiting: '等候 {{count}} 人',
    loading: '正在加载业务类别…',
    loadFailed: '业务类别加载失败',
    empty: '今日暂无可取号的业务，请咨询大厅工作人员',
    retry: '重新加载',
  },
  taking: {
    title: '正在出号，请稍候…',
    hint: '号票打印中，请勿离开',
  },
  failed: {
    title: '取号未成功',
    retry: '重试',
    chooseAgain: '重新选择业务',
  },
  ticket: {
    title: '取号成功',
    yourNumber: '您的号码',
    waitingAhead: '您前面还有 {{count}} 人等候',
    noneAhead: '您前面没有人等候，请留意叫号',
    issuedAt: '取号时间 {{time}}',
    takeReceipt: '请取走小票',
    listen: '请留意叫号屏和语音叫号',
    qrCaption: '叫号时可凭此码核验',
    qrLabel: '号票二维码',
    printFailed: '小票打印失败，请拍照或牢记您的号码，我们已通知工作人员',
    printFailedReason: '原因：{{reason}}',
    done: '完成',
    autoReturn: '{{seconds}} 秒后自动返回首页',
  },
  outOfService: {
    title: '暂停服务',
    contactStaff: '请联系大厅工作人员',
    defaultReason: '终端正在维护',
    apology: '给您带来不便，敬请谅解',
  },
  idle: {
    title: '您还在办理吗？',
    body: '为保护您的信息，倒计时结束后将自动返回首页',
    seconds: '秒',
    continue: '继续办理',
  },
  errors: {
    generic: '系统繁忙，请稍后再试',
  },
  voice: {
    chooseCategory: '请选择业务类别',
    ticketIssued: '取号成功，请取走小票',
    printFailed: '小票打印失败，请牢记屏幕上的号码',
    idleWarning: '您还在办理吗？如需继续，请点击继续办理',
  },
};

/** The shape every language must fill in completely. */
export type Messages = typeof zhCN;
