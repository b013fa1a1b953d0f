// First run on 首页: a resident with no village is asked for it first, sees the 全部村 alerts, and one tap on a
// village saves it and brings that village's alerts.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroStub } from './stubs/taro'
import type { Profile, Station } from '@contract/account'
import type { AlertView } from '@contract/alerts'
import HomePage from '@/pages/home/index'
import { installTransport, type CallRequest, type Transport } from '@/services/client'
import { resetStationCache } from '@/hooks/useStation'
import { setAgreedPrivacy } from '@/services/settings'

const station: Station = {
  name: '平川派出所',
  address: '临泽县平川镇',
  phone: '0936-5500110',
  hours: [],
  villages: [
    { id: 'pingchuan', name: '平川村' },
    { id: 'luwan', name: '芦湾村' },
  ],
}

const newcomer: Profile = { openid: 'r-new', role: 'resident', name: '', phone: '', villageId: '', villageName: '', address: '', profileComplete: false }

function alert(id: string, title: string, scope: string): AlertView {
  const now = new Date().toISOString()
  return {
    id,
    access: 'full',
    title,
    body: '内容',
    category: 'fraud',
    severity: 'severe',
    villageIds: scope === '全部村' ? 'all' : ['pingchuan'],
    groups: [],
    scope,
    advice: [],
    images: [],
    effectiveAt: now,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    publishedAt: now,
    updatedAt: now,
    pinned: false,
    phase: 'active',
    revision: 1,
    cancelReason: null,
    unread: true,
    updatedSinceRead: false,
    acked: false,
    history: [],
  }
}

function backend(failSave = false) {
  let village = ''
  const seen: CallRequest[] = []
  const transport: Transport = async (req) => {
    seen.push(req)
    const key = `${req.name}.${req.data.action}`
    if (key === 'account.station') return { ok: true, data: station }
    if (key === 'account.me') return { ok: true, data: { ...newcomer, villageId: village } }
    if (key === 'account.setVillage') {
      if (failSave) return { ok: false, error: { code: 'network', message: '网络不好' } }
      village = (req.data.payload as { villageId: string }).villageId
      return { ok: true, data: { ...newcomer, villageId: village, villageName: '平川村' } }
    }
    if (key === 'alerts.list') {
      const items = [alert('a-all', '警惕冒充公检法', '全部村'), ...(village === 'pingchuan' ? [alert('a-pc', '假农药又出现了', '平川村')] : [])]
      return { ok: true, data: { items, nextCursor: null, subscribeTemplateId: null } }
    }
    if (key === 'alerts.unreadCount') return { ok: true, data: { count: 1 } }
    return { ok: false, error: { code: 'not_found', message: '没有这个功能' } }
  }
  installTransport(transport, { sleep: () => Promise.resolve() })
  return seen
}

beforeEach(() => {
  resetTaroStub()
  resetStationCache()
  setAgreedPrivacy()
})

afterAll(() => installTransport(undefined))

describe('first run on 首页', () => {
  it('asks for the village before anything else, while the 全部村 alerts already show', async () => {
    backend()
    render(<HomePage />)
    const card = await screen.findByText('选一下您住哪个村，才能收到本村的防骗提醒')
    expect(await screen.findByText('警惕冒充公检法')).toBeTruthy()
    expect(screen.queryByText(/暂时没有预警/)).toBeNull()
    // The card comes first on the page.
    const page = document.getElementById('page-home')
    expect(page?.textContent?.indexOf('选一下您住哪个村')).toBeLessThan(page?.textContent?.indexOf('警惕冒充公检法') ?? 0)
    expect(card).toBeTruthy()
  })

  it('one tap on the village saves it, the card goes and the village alerts come', async () => {
    const seen = backend()
    render(<HomePage />)
    fireEvent.click(await screen.findByText('平川村'))
    await waitFor(() => expect(screen.queryByText('选一下您住哪个村，才能收到本村的防骗提醒')).toBeNull())
    expect(await screen.findByText('假农药又出现了')).toBeTruthy()
    expect(screen.getByText('警惕冒充公检法')).toBeTruthy()
    expect(seen.filter((r) => r.data.action === 'setVillage').map((r) => r.data.payload)).toEqual([{ villageId: 'pingchuan' }])
  })

  it('a failed save says so and lets the person tap again', async () => {
    backend(true)
    render(<HomePage />)
    fireEvent.click(await screen.findByText('芦湾村'))
    expect(await screen.findByText(/没有存上：网络不好。请再点一次您住的村/)).toBeTruthy()
    expect(screen.getByText('选一下您住哪个村，才能收到本村的防骗提醒')).toBeTruthy()
  })
})
