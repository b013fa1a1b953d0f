// PageShell: what a person sees while a page loads, fails, is empty, needs a profile, or crashes.
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { firePullDownRefresh, recorded, resetTaroStub } from './stubs/taro'
import PageShell from '@/components/PageShell'
import { CallError } from '@/services/errors'
import { setAgreedPrivacy, setLargeFont } from '@/services/settings'

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
})

const networkError = new CallError({ code: 'network', message: '网络不好，没有连上。请到信号好的地方再试' })

describe('PageShell', () => {
  it('shows a spinner with 正在加载… while loading, and not the content', () => {
    render(
      <PageShell loading>
        <span>内容</span>
      </PageShell>,
    )
    expect(screen.getByText('正在加载…')).toBeTruthy()
    expect(screen.queryByText('内容')).toBeNull()
  })

  it('shows the error in Chinese with a big 重试 button that retries', () => {
    const retry = jest.fn()
    render(
      <PageShell error={networkError} onRetry={retry}>
        <span>内容</span>
      </PageShell>,
    )
    expect(screen.getByText('网络不好，没有连上。请到信号好的地方再试')).toBeTruthy()
    expect(screen.queryByText('内容')).toBeNull()
    fireEvent.click(screen.getByText('重试'))
    expect(retry).toHaveBeenCalledTimes(1)
  })

  it('a dead end (没有找到 / 没有权限) offers real ways out instead of 重试', () => {
    const back = jest.fn()
    render(
      <PageShell error={new CallError({ code: 'not_found', message: '没有找到这件举报' })} onRetry={jest.fn()} exits={[{ text: '回我的举报', onTap: back }]}>
        <span>内容</span>
      </PageShell>,
    )
    expect(screen.getByText('没有找到这件举报')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
    fireEvent.click(screen.getByText('回我的举报'))
    expect(back).toHaveBeenCalledTimes(1)
    fireEvent.click(screen.getByText('回首页'))
    expect(recorded.navigations).toContainEqual({ kind: 'switchTab', url: '/pages/home/index' })
    expect(screen.getByText('打电话问派出所')).toBeTruthy()
  })

  it('keeps the content and shows a banner when a refresh fails but old data is there', () => {
    render(
      <PageShell state={{ data: ['x'], error: networkError, loading: false, reload: () => Promise.resolve() }}>
        <span>内容</span>
      </PageShell>,
    )
    expect(screen.getByText('内容')).toBeTruthy()
    expect(screen.getByText('网络不好，没有连上。请到信号好的地方再试')).toBeTruthy()
  })

  it('shows the empty state with its action', () => {
    const act1 = jest.fn()
    render(<PageShell empty={{ text: '暂时没有预警', actionText: '打电话', onAction: act1 }} />)
    expect(screen.getByText('暂时没有预警')).toBeTruthy()
    fireEvent.click(screen.getByText('打电话'))
    expect(act1).toHaveBeenCalled()
  })

  it('asks for the profile first and takes the person to 我的', () => {
    render(
      <PageShell needProfile>
        <span>内容</span>
      </PageShell>,
    )
    expect(screen.queryByText('内容')).toBeNull()
    fireEvent.click(screen.getByText('去填写'))
    expect(recorded.navigations).toEqual([{ kind: 'switchTab', url: '/pages/me/index' }])
  })

  it('refreshes on pull-down and then stops the pull-down animation', async () => {
    const refresh = jest.fn(() => Promise.resolve())
    render(
      <PageShell onRefresh={refresh}>
        <span>内容</span>
      </PageShell>,
    )
    await act(async () => {
      firePullDownRefresh()
    })
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(recorded.stopPullDownRefresh).toBe(1)
  })

  it('catches a crash in the page and offers 重试 instead of a blank screen', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    let crash = true
    function Fragile() {
      if (crash) throw new Error('boom')
      return <span>好了</span>
    }
    render(
      <PageShell>
        <Fragile />
      </PageShell>,
    )
    expect(screen.getByText(/页面出了点问题/)).toBeTruthy()
    crash = false
    fireEvent.click(screen.getByText('重试'))
    expect(screen.getByText('好了')).toBeTruthy()
    spy.mockRestore()
  })

  it('switches every open page to large font when the setting changes, and remembers it', () => {
    const { container } = render(<PageShell id='p'>内容</PageShell>)
    expect(container.querySelector('#p')?.className).not.toContain('fq-large')
    act(() => setLargeFont(true))
    expect(container.querySelector('#p')?.className).toContain('fq-large')
    expect(Taro.getStorageSync('fq_large_font')).toBe(true)
  })
})

describe('privacy consent on first launch', () => {
  it('shows what is collected and why until the person agrees, then never again', () => {
    resetTaroStub()
    const first = render(<PageShell>内容</PageShell>)
    expect(screen.getByText('个人信息保护说明')).toBeTruthy()
    expect(screen.getByText('手机号')).toBeTruthy()
    expect(screen.getByText('有事能打电话联系您')).toBeTruthy()
    fireEvent.click(screen.getByText('同意，继续使用'))
    expect(screen.queryByText('个人信息保护说明')).toBeNull()
    first.unmount()
    render(<PageShell>内容</PageShell>)
    expect(screen.queryByText('个人信息保护说明')).toBeNull()
  })
})
