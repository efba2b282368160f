/**
 * The 办事指南 screens and components as static markup: sections, badges, test ids, the
 * keyboard's keys and candidates, the theme switch. Behaviour is in the machine's tests.
 */
import { describe, expect, it } from 'vitest';
import { render, testIds, textOf } from './renderer-static-render';
import type { GuideView } from '../../electron/ipc/contract';
import { FAKE_GUIDES } from '../../renderer/api/fake-catalogue-data';
import { fakeSearch, fakeSummary, toItemSummary } from '../../renderer/api/fake-catalogue';
import { FAKE_STATUS } from '../../renderer/api/fake-kiosk';
import { OnscreenKeyboard } from '../../renderer/components/onscreen-keyboard';
import { PrintToast } from '../../renderer/components/print-toast';
import { ThemeSwitch } from '../../renderer/components/theme-switch';
import { EMPTY_INPUT } from '../../renderer/flows/search-input';
import type { Language } from '../../renderer/i18n';
import { GuideHomeScreen, type GuideHomeScreenProps } from '../../renderer/screens/guide-home-screen';
import { GuidePageScreen, type GuidePageScreenProps } from '../../renderer/screens/guide-page-screen';
import { GuideSearchScreen, type GuideSearchScreenProps } from '../../renderer/screens/guide-search-screen';
import { ThemeProvider } from '../../renderer/themes/theme-context';

const noop = (): void => undefined;


function guide(code: string): GuideView {
  const found = FAKE_GUIDES.find((g) => g.code === code);
  if (!found) throw new Error(code);
  return found;
}

/** The markup of one folding section, from its <section> to the next. */
function section(html: string, id: string): string {
  const start = html.indexOf(`data-testid="guide-section-${id}"`);
  const end = html.indexOf('<section', start + 1);
  return html.slice(start, end === -1 ? undefined : end);
}

describe('guide page', () => {
  const page = (props: Partial<GuidePageScreenProps> = {}, language: Language = 'zh-CN') =>
    render(
      <GuidePageScreen
        status={FAKE_STATUS}
        phase="ready"
        guide={guide('320700-BDC-0001')}
        printing={null}
        notice={null}
        failureMessage={null}
        onPrintChecklist={noop}
        onPrintGuide={noop}
        onTakeTicket={noop}
        onDismiss={noop}
        onRetry={noop}
        onBack={noop}
        onHome={noop}
        {...props}
      />,
      language,
    );

  it('heads the page with name, department, type and audience, and the action bar', () => {
    const html = page();
    const text = textOf(html);
    expect(html).toMatch(/<h2 id="guide-page-title"[^>]*>不动产转移登记</u);
    for (const part of ['连云港市不动产登记中心', '行政确认', '个人、法人', '打印材料清单', '打印办事指南', '取号', '不动产登记']) {
      expect(text).toContain(part);
    }
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['guide-page', 'guide-print-checklist', 'guide-print-guide', 'guide-take-ticket', 'guide-back', 'go-home']),
    );
    expect(testIds(html)).not.toContain('guide-apply');
  });

  it('shows the time limits, the fees, place, hours, phone and the online address as text', () => {
    const text = textOf(page());
    expect(text).toContain('承诺 3 个工作日办结');
    expect(text).toContain('法定 30 个工作日');
    expect(text).toContain('收费 2 项');
    expect(text).toContain('连云港市政务服务中心二楼不动产登记窗口');
    expect(text).toContain('0518-85800200');
    expect(text).toContain('https://www.jszwfw.gov.cn/lyg/item/320700-BDC-0001');
    const instant = textOf(page({ guide: guide('320700-BDC-0003') }));
    expect(instant).toContain('即办（当场办结）');
    expect(instant).toContain('法定即办');
    expect(instant).toContain('不收费');
  });

  it('opens 申请材料 with every element of each material, and folds the rest', () => {
    const html = page();
    const materials = section(html, 'materials');
    expect(materials).toContain('data-open="true"');
    expect(materials).toContain('aria-expanded="true"');
    const text = textOf(materials);
    expect(text).toContain('共 6 项材料 · 其中 3 项已在政府留存，无需提交');
    expect(text).toContain('不动产登记申请书');
    expect(text).toContain('原件 × 1 份');
    expect(text).toContain('出具单位：窗口领取或网上下载');
    expect(text).toContain('样表说明：样表示范了权利人、义务人、坐落和登记原因各栏的填法');
    expect(text).toContain('常见错误 登记原因栏填写不完整 未由全体共有人签字');
    expect(text).toContain('已在政府留存·免提交');
    expect(text).toContain('可容缺');
    expect(text).toContain('视情况');
    expect(text).toContain('适用情形：房屋为夫妻共有或申请人已婚时提供');
    expect(materials).toMatch(/<ol class="materials"/u);
    for (const id of ['fees', 'conditions', 'process', 'specialSteps', 'legalBasis', 'more']) {
      const folded = section(html, id);
      expect(folded, id).toContain('aria-expanded="false"');
      expect(folded, id).toMatch(/class="fold__body" hidden=""/u);
    }
  });

  it('has fees with their basis, numbered steps, special steps and the legal basis', () => {
    const all = new Set(['materials', 'fees', 'conditions', 'process', 'specialSteps', 'legalBasis', 'more'] as const);
    const html = page({ initiallyOpen: all });
    expect(textOf(section(html, 'fees'))).toContain('住宅类不动产登记费：80元/件');
    expect(textOf(section(html, 'fees'))).toContain('收费依据：《财政部 国家发展改革委关于不动产登记收费有关政策问题的通知》');
    const process = section(html, 'process');
    expect(process).toMatch(/<ol class="process"/u);
    expect(textOf(process)).toContain('1 第 1 步 申请 买卖双方共同到窗口提交申请');
    expect(textOf(section(html, 'specialSteps'))).toContain('实地查看 5 个工作日');
    expect(textOf(section(html, 'legalBasis'))).toContain('《不动产登记暂行条例》 第十四条');
    expect(textOf(section(html, 'more'))).toContain('所属业务类别 不动产登记');
    expect(testIds(html)).toContain('guide-section-specialSteps');
  });

  it('leaves out the sections a guide does not have', () => {
    const html = page({ guide: guide('320700-BDC-0003') });
    expect(testIds(html)).not.toContain('guide-section-fees');
    expect(testIds(html)).not.toContain('guide-section-specialSteps');
  });

  it('offers 自助申办 as coming soon for kiosk items, with its badges', () => {
    const html = page({ guide: guide('320700-GA-0001') });
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="guide-apply"/u);
    expect(textOf(html)).toContain('即将开放');
    expect(textOf(html)).toContain('可自助申办');
    expect(textOf(page({ guide: guide('320700-SJ-0002') }))).toContain('告知承诺');
  });

  it('disables both print buttons while one prints', () => {
    const html = page({ printing: 'checklist' });
    expect(html).toMatch(/disabled=""[^>]*data-testid="guide-print-checklist"/u);
    expect(html).toMatch(/disabled=""[^>]*data-testid="guide-print-guide"/u);
    expect(textOf(html)).toContain('正在打印…');
  });

  it('shows loading and a failure with the core’s message', () => {
    expect(textOf(page({ phase: 'loading', guide: null }))).toContain('正在加载办事指南');
    const failed = page({ phase: 'failed', guide: null, failureMessage: '没有找到该事项' });
    expect(testIds(failed)).toEqual(expect.arrayContaining(['guide-page-failed', 'guide-page-retry', 'guide-back']));
    expect(textOf(failed)).toContain('没有找到该事项');
  });

  it('labels the page in English, the catalogue content staying Chinese', () => {
    const text = textOf(page({}, 'en'));
    expect(text).toContain('Documents to bring');
    expect(text).toContain('Done within 3 working day(s)');
    expect(text).toContain('不动产登记申请书');
  });
});

describe('print outcome', () => {
  it('says what happened, in a live region that is always there', () => {
    expect(render(<PrintToast notice={null} onDismiss={noop} />)).toBe('<div class="toast-region" role="status" aria-live="polite"></div>');
    expect(textOf(render(<PrintToast notice={{ kind: 'checklist', status: 'printed' }} onDismiss={noop} />))).toContain('已打印，请取走小票');
    expect(textOf(render(<PrintToast notice={{ kind: 'guide', status: 'printed', pages: 3 }} onDismiss={noop} />))).toContain(
      '已发送至A4打印机，共 3 页',
    );
    const failed = textOf(render(<PrintToast notice={{ kind: 'checklist', status: 'failed', reason: '打印机缺纸' }} onDismiss={noop} />));
    expect(failed).toContain('材料清单未能打印');
    expect(failed).toContain('原因：打印机缺纸');
  });
});

describe('guide home', () => {
  const home = (props: Partial<GuideHomeScreenProps> = {}) =>
    render(
      <GuideHomeScreen
        status={FAKE_STATUS}
        phase="list"
        listPhase="ready"
        summary={fakeSummary()}
        tab="popular"
        tilePage={0}
        tilePageSize={12}
        filter={{ kind: 'popular' }}
        items={FAKE_GUIDES.filter((g) => g.isPopular).map(toItemSummary)}
        total={7}
        page={0}
        pageSize={8}
        failureMessage={null}
        onTab={noop}
        onOpenDepartment={noop}
        onOpenLifeEvent={noop}
        onOpenItem={noop}
        onBack={noop}
        onPrev={noop}
        onNext={noop}
        onSearch={noop}
        onRetry={noop}
        onHome={noop}
        {...props}
      />,
    );

  it('has the four tabs with 热门事项 first and selected, the search button and the items', () => {
    const html = home();
    const ids = testIds(html);
    expect(ids.filter((id) => id.startsWith('guide-tab-'))).toEqual([
      'guide-tab-popular',
      'guide-tab-department',
      'guide-tab-personal',
      'guide-tab-legalPerson',
    ]);
    expect(html).toMatch(/role="tab" id="guide-tab-popular"[^>]*aria-selected="true"/u);
    expect(html).toContain('role="tabpanel"');
    expect(ids).toContain('guide-search');
    expect(ids).toContain('guide-item-320700-GA-0001');
    const text = textOf(html);
    expect(text).toContain('热门事项 · 共 7 项');
    expect(text).toContain('承诺 15 个工作日');
    expect(text).toContain('即办');
    expect(text).toContain('可自助申办');
    expect(ids).not.toContain('guide-list-next');
    expect(testIds(home({ total: 12 }))).toContain('guide-list-next');
  });

  it('shows department tiles with counts, and life events by audience', () => {
    const departments = home({ phase: 'tiles', tab: 'department', filter: null });
    expect(testIds(departments)).toEqual(expect.arrayContaining(['guide-dept-public-security', 'guide-dept-real-estate']));
    expect(textOf(departments)).toContain('不动产 连云港市不动产登记中心 3 项');
    const personal = testIds(home({ phase: 'tiles', tab: 'personal', filter: null }));
    expect(personal).toEqual(expect.arrayContaining(['guide-event-birth', 'guide-event-retirement']));
    expect(personal).not.toContain('guide-event-business-start');
    expect(testIds(home({ phase: 'tiles', tab: 'legalPerson', filter: null }))).toContain('guide-event-business-start');
  });

  it('offers the way back from a department’s list', () => {
    const html = home({ tab: 'department', filter: { kind: 'department', id: 'real-estate', name: '不动产' } });
    expect(testIds(html)).toContain('guide-list-back');
    expect(textOf(html)).toContain('全部部门');
    expect(testIds(home())).not.toContain('guide-list-back');
  });

  it('says when the catalogue is not there', () => {
    const html = home({ phase: 'loadFailed', summary: null, failureMessage: '办事指南服务暂未开通' });
    expect(testIds(html)).toEqual(expect.arrayContaining(['guide-load-failed', 'guide-retry']));
    expect(textOf(html)).toContain('办事指南服务暂未开通');
  });
});

describe('search screen and keyboard', () => {
  const search = (props: Partial<GuideSearchScreenProps> = {}) =>
    render(
      <GuideSearchScreen
        status={FAKE_STATUS}
        phase="ready"
        input={{ ...EMPTY_INPUT, composition: 'bdc' }}
        isKeyboardOpen
        candidates={['不动产', '不', '办']}
        candidateBudget={7}
        searchedQuery="bdc"
        hits={fakeSearch('bdc', 40).hits}
        hitsTotal={3}
        hitsPage={0}
        pageSize={4}
        suggestions={FAKE_GUIDES.filter((g) => g.isPopular).map(toItemSummary)}
        failureMessage={null}
        onKey={noop}
        onCandidate={noop}
        onType={noop}
        onOpenKeyboard={noop}
        onOpenItem={noop}
        onPrev={noop}
        onNext={noop}
        onRetry={noop}
        onBack={noop}
        onHome={noop}
        {...props}
      />,
    );

  it('shows hits with the matches marked, the field and the keyboard', () => {
    const html = search();
    const ids = testIds(html);
    expect(ids).toEqual(expect.arrayContaining(['guide-search-input', 'guide-search-results', 'keyboard', 'guide-hit-320700-BDC-0001']));
    expect(html).toContain('<mark class="mark">不动产</mark>转移登记');
    expect(html).toMatch(/<input[^>]*inputMode="none"[^>]*value="bdc"/u);
    expect(html).toMatch(/<label for="guide-search-input"/u);
    expect(textOf(html)).toContain('找到 3 个事项');
  });

  it('shows the keys, the pinyin and a page of candidates by absolute index', () => {
    const html = search();
    const ids = testIds(html);
    for (const key of ['q', 'm', 'backspace', 'clear', 'space', 'close', 'digits']) expect(ids).toContain(`keyboard-key-${key}`);
    expect(ids).toEqual(expect.arrayContaining(['keyboard-candidate-0', 'keyboard-candidate-1', 'keyboard-candidates-next']));
    expect(ids).not.toContain('keyboard-candidate-2');
    expect(html).toMatch(/data-testid="keyboard-composition"[^>]*>.*bdc/u);
    for (const label of ['退格', '清空', '空格', '关闭', '123']) expect(textOf(html)).toContain(label);
    const digits = render(
      <OnscreenKeyboard layout="digits" composition="" candidates={[]} candidateBudget={17} onKey={noop} onCandidate={noop} />,
    );
    expect(testIds(digits)).toEqual(expect.arrayContaining(['keyboard-key-0', 'keyboard-key-9', 'keyboard-key-pinyin']));
    expect(testIds(digits)).not.toContain('keyboard-key-q');
  });

  it('names the 俗称 a hit was found by', () => {
    const html = search({ hits: fakeSearch('yyzz', 40).hits, hitsTotal: 1, searchedQuery: 'yyzz' });
    expect(textOf(html)).toContain('企业设立登记 （俗称：营业执照）');
  });

  it('offers 热门事项 before typing and when nothing matched', () => {
    const idle = search({ phase: 'idle', hits: [], hitsTotal: 0, searchedQuery: '', isKeyboardOpen: false });
    expect(testIds(idle)).toContain('guide-suggestions');
    expect(testIds(idle)).not.toContain('keyboard');
    const empty = search({ hits: [], hitsTotal: 0, searchedQuery: 'xyz' });
    expect(textOf(empty)).toContain('没有找到“xyz”相关事项');
    expect(testIds(empty)).toContain('guide-suggestions');
    expect(testIds(empty).filter((id) => id.startsWith('guide-item-'))).toHaveLength(4);
  });
});

describe('theme switch', () => {
  it('offers the three themes, the current one pressed, on every journey header', () => {
    const html = render(
      <ThemeProvider value={{ theme: 'highContrast', setTheme: noop }}>
        <ThemeSwitch />
      </ThemeProvider>,
    );
    expect(testIds(html)).toEqual(['theme-switch', 'theme-standard', 'theme-care', 'theme-contrast']);
    expect(html).toMatch(/aria-pressed="true" data-testid="theme-contrast"/u);
    expect(html).toMatch(/aria-pressed="false" data-testid="theme-standard"/u);
    expect(html).toMatch(/aria-expanded="false"/u);
    expect(textOf(html)).toContain('字 标准 常规字号 字 关怀模式');
    const journey = render(<GuidePageScreen {...({} as GuidePageScreenProps)} status={FAKE_STATUS} phase="loading" guide={null} />);
    expect(testIds(journey)).toContain('theme-switch');
  });
});
