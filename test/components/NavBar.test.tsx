// The app's own navigation bar (components/NavBar, drawn by PageShell on every page): the page's title, a back control
// only where there is somewhere to go back to (回首页 when the page was opened directly), clear of WeChat's capsule, and
// large in 长辈模式 with a back target an elderly finger can hit.
import fs from 'node:fs'
import path from 'node:path'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { recorded, resetTaroStub, setCurrentPages } from './stubs/taro'
import PageShell from '@/components/PageShell'
import { CARE_TOUCH } from '@/components/NavBar'
import { useLeaveGuard } from '@/hooks/useLeaveGuard'
import { setAgreedPrivacy, setLargeFont } from '@/services/settings'

const ENV = process.env.TARO_ENV

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
})

afterEach(() => {
  process.env.TARO_ENV = ENV
  if (ENV === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV')
})

const bar = (c: HTMLElement) => c.querySelector('#nav-bar') as HTMLElement
const styleOf = (c: HTMLElement, selector: string) => (c.querySelector(selector) as HTMLElement).style

describe('NavBar in the page shell', () => {
  it('shows the page’s own title from its config, and no back control on a tab page', () => {
    setCurrentPages(['pages/services/index'], { navigationBarTitleText: '办事' })
    const { container } = render(<PageShell>内容</PageShell>)
    expect(screen.getByText('办事').id).toBe('nav-title')
    expect(container.querySelector('#nav-back')).toBeNull()
  })

  it('a title given by the page wins over the config’s', () => {
    setCurrentPages(['pages/home/index', 'packages/mediation/mine/index'], { navigationBarTitleText: '我的调解' })
    render(<PageShell title='邻里宅基地纠纷'>内容</PageShell>)
    expect(screen.getByText('邻里宅基地纠纷').id).toBe('nav-title')
    expect(screen.queryByText('我的调解')).toBeNull()
  })

  it('a page opened from another offers 返回, which goes back one page', async () => {
    setCurrentPages(['pages/home/index', 'packages/alert/detail/index'], { navigationBarTitleText: '预警详情' })
    render(<PageShell>内容</PageShell>)
    expect(screen.queryByText('回首页')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('返回'))
    })
    expect(recorded.navigations).toEqual([{ kind: 'navigateBack', url: '' }])
  })

  it('a page opened directly (a share, a doorplate scan) offers 回首页 instead, which goes to 首页', async () => {
    setCurrentPages(['packages/doorplate/index/index'], { navigationBarTitleText: '门牌' })
    render(<PageShell>内容</PageShell>)
    expect(screen.queryByText('返回')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('回首页'))
    })
    expect(recorded.navigations).toEqual([{ kind: 'switchTab', url: '/pages/home/index' }])
  })

  it('with unsaved edits, 返回 asks first, and 留下 stays on the page', async () => {
    setCurrentPages(['pages/home/index', 'packages/booking/errand/index'], { navigationBarTitleText: '代办' })
    function Dirty() {
      useLeaveGuard(true, '填的内容还没提交，')
      return <span>表单</span>
    }
    render(
      <PageShell>
        <Dirty />
      </PageShell>,
    )
    await act(async () => {
      fireEvent.click(screen.getByText('返回'))
    })
    expect(screen.getByText('填的内容还没提交，要离开吗？')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('留下'))
    })
    expect(recorded.navigations).toEqual([])
  })

  it('there is one back control on the page, the bar’s (the old h5 one is gone)', () => {
    setCurrentPages(['pages/home/index', 'packages/alert/detail/index'], { navigationBarTitleText: '预警详情' })
    render(<PageShell>内容</PageShell>)
    expect(screen.getAllByText('返回')).toHaveLength(1)
  })

  it('switches to the 长辈模式 size with the setting, on every open page', () => {
    setCurrentPages(['pages/home/index'], { navigationBarTitleText: '枫桥警民通' })
    const { container } = render(<PageShell>内容</PageShell>)
    expect(bar(container).className).not.toContain('fq-nav--care')
    act(() => setLargeFont(true))
    expect(bar(container).className).toContain('fq-nav--care')
  })
})

describe('NavBar on weapp, beside WeChat’s capsule', () => {
  // The stub phone: 390 px wide, 47 px status bar, capsule 32 px tall at top 51, left 296 (see stubs/taro.ts).
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
  })

  it('sits under the status bar with its title centred on the capsule’s row, kept clear of the capsule', () => {
    setCurrentPages(['pages/home/index', 'packages/alert/detail/index'], { navigationBarTitleText: '预警详情' })
    const { container } = render(<PageShell>内容</PageShell>)
    expect(bar(container).style.paddingTop).toBe('47px')
    // The capsule's row: 4 px above it, 32 px of capsule, 4 px below → 40 px, the title's line centred on it.
    expect(styleOf(container, '.fq-nav__row').height).toBe('40px')
    expect(styleOf(container, '#nav-title').lineHeight).toBe('40px')
    // 94 px kept on both sides: the title ends where the capsule begins (390 − 94 = 296) and stays centred.
    expect(styleOf(container, '.fq-nav__row').padding).toBe('0px 94px 0px')
    expect(styleOf(container, '#nav-back').width).toBe('94px')
  })

  it('in 长辈模式 the back target is at least 48 px tall, growing downward so the status bar is left alone', () => {
    setLargeFont(true)
    setCurrentPages(['pages/home/index', 'packages/alert/detail/index'], { navigationBarTitleText: '预警详情' })
    const { container } = render(<PageShell>内容</PageShell>)
    expect(bar(container).className).toContain('fq-nav--care')
    expect(bar(container).style.paddingTop).toBe('47px')
    const back = styleOf(container, '#nav-back')
    expect(parseFloat(back.height)).toBeGreaterThanOrEqual(CARE_TOUCH)
    expect(parseFloat(back.width)).toBeGreaterThanOrEqual(CARE_TOUCH)
    // Its label stays level with the capsule: the 8 px it grew are below the capsule's row.
    expect(back.paddingBottom).toBe('8px')
    expect(styleOf(container, '#nav-title').lineHeight).toBe('40px')
  })
})

describe('NavBar type sizes (the stylesheet, in CSS px on a 375 px wide phone: design px / 2)', () => {
  const scss = fs.readFileSync(path.resolve(__dirname, '../../src/components/NavBar/index.scss'), 'utf8')
  const fontSize = (selector: string): number => {
    const block = scss.split('}').find((b) => b.split('{')[0].trim() === selector)
    const m = /font-size:\s*(\d+)px/.exec(block ?? '')
    if (!m) throw new Error(`no font-size for ${selector}`)
    return Number(m[1]) / 2
  }

  it('the title is WeChat’s 17 px normally and at least 22 px in 长辈模式; so grows the back label', () => {
    expect(fontSize('.fq-nav__title')).toBe(17)
    expect(fontSize('.fq-nav--care .fq-nav__title')).toBeGreaterThanOrEqual(22)
    expect(fontSize('.fq-nav--care .fq-nav__back-text')).toBeGreaterThan(fontSize('.fq-nav__back-text'))
  })
})
