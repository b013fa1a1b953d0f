// The feed card villagers read: severity label and colour, category, scope, time in plain words, and the
// marks that say an alert changed or is over.
import { fireEvent, render, screen } from '@testing-library/react'
import type { AlertView } from '@contract/alerts'
import AlertCard from '@/components/AlertCard'

const now = new Date('2025-06-10T06:00:00.000Z') // 14:00 in Beijing

function alert(over: Partial<AlertView> = {}): AlertView {
  return {
    id: 'a1',
    access: 'full',
    title: '警惕冒充公检法电话诈骗',
    body: '骗子说您的银行卡涉嫌洗钱。',
    category: 'fraud',
    severity: 'severe',
    villageIds: ['pingchuan'],
    groups: [],
    scope: '平川村',
    advice: [],
    images: [],
    effectiveAt: '2025-06-10T03:00:00.000Z',
    expiresAt: '2025-06-20T15:59:00.000Z',
    publishedAt: '2025-06-10T03:00:00.000Z',
    updatedAt: '2025-06-10T03:00:00.000Z',
    pinned: false,
    phase: 'active',
    revision: 1,
    cancelReason: null,
    unread: false,
    updatedSinceRead: false,
    acked: false,
    history: [],
    ...over,
  }
}

describe('AlertCard', () => {
  it('shows severity label, category, village scope and "3小时前"', () => {
    render(<AlertCard alert={alert()} now={now} onOpen={() => undefined} />)
    expect(screen.getByText('严重')).toBeTruthy()
    expect(screen.getByText('诈骗预警')).toBeTruthy()
    expect(screen.getByText('平川村')).toBeTruthy()
    expect(screen.getByText('3小时前')).toBeTruthy()
    expect(screen.queryByText('有更新')).toBeNull()
    expect(screen.queryByText('已撤销')).toBeNull()
  })

  it('says the other severities in their own words', () => {
    const { rerender } = render(<AlertCard alert={alert({ severity: 'extreme' })} now={now} onOpen={() => undefined} />)
    expect(screen.getByText('特别严重')).toBeTruthy()
    rerender(<AlertCard alert={alert({ severity: 'minor', category: 'service' })} now={now} onOpen={() => undefined} />)
    expect(screen.getByText('一般')).toBeTruthy()
    expect(screen.getByText('便民服务')).toBeTruthy()
  })

  it('marks an alert updated since the resident read it, and an unread one with a dot', () => {
    render(<AlertCard alert={alert({ updatedSinceRead: true, unread: true, pinned: true })} now={now} onOpen={() => undefined} />)
    expect(screen.getByText('有更新')).toBeTruthy()
    expect(screen.getByText('置顶')).toBeTruthy()
    expect(document.getElementById('alert-unread-a1')).not.toBeNull()
  })

  it('marks a cancelled alert as 已撤销 even without the officer view', () => {
    render(<AlertCard alert={alert({ phase: 'cancelled', cancelReason: '误报' })} now={now} onOpen={() => undefined} />)
    expect(screen.getByText('已撤销')).toBeTruthy()
    expect(document.getElementById('alert-unread-a1')).toBeNull()
  })

  it('tags a draft 草稿 wherever it is listed (officer 首页 too), so it never looks published', () => {
    render(<AlertCard alert={alert({ phase: 'draft', publishedAt: null })} now={now} onOpen={() => undefined} />)
    expect(screen.getByText('草稿')).toBeTruthy()
  })

  it('shows the phase of drafts on the officer list, and opens the alert on tap', () => {
    const onOpen = jest.fn()
    render(<AlertCard alert={alert({ phase: 'draft', publishedAt: null })} now={now} onOpen={onOpen} showPhase />)
    expect(screen.getByText('草稿')).toBeTruthy()
    fireEvent.click(screen.getByText('警惕冒充公检法电话诈骗'))
    expect(onOpen).toHaveBeenCalledWith('a1')
  })
})
