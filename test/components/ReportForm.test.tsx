// The theft report form with a fake backend: each step checks what it asks for, the draft survives a closed app,
// a retried submit carries the draft's one requestId, photos upload with progress, and the anonymous choice is plain.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroStub, setChosenMedia } from './stubs/taro'
import type { Profile, Village } from '@contract/account'
import { TheftForm } from '@/packages/report-form/theft/TheftForm'
import { PesticideForm } from '@/packages/report-form/pesticide/PesticideForm'
import { ANONYMOUS_MEANS } from '@/packages/report-form/shared/ReportWizard'
import { installTransport, type CallRequest } from '@/services/client'
import type { UploadRequest } from '@/services/upload'
import { setAgreedPrivacy } from '@/services/settings'
import { pickDate, pickTime } from './pickers'

// Uploads go to a fake cloud that reports progress in two steps and then answers a file id for the path asked.
const uploads: UploadRequest[] = []
let releaseUpload: (() => void) | undefined
jest.mock('@/services/upload', () => ({
  uploadFile: (req: UploadRequest) => {
    uploads.push(req)
    req.onProgress?.(40)
    return new Promise<{ fileID: string }>((resolve) => {
      releaseUpload = () => {
        req.onProgress?.(100)
        resolve({ fileID: `cloud://env.bucket/${req.cloudPath}` })
      }
    })
  },
}))

const NOW = new Date('2025-11-28T10:00:00+08:00')
const now = () => NOW
const villages: Village[] = [
  { id: 'pingchuan', name: '平川村' },
  { id: 'luwan', name: '芦湾村' },
]
const profile: Profile = {
  openid: 'dev-resident-1',
  role: 'resident',
  name: '张桂兰',
  phone: '13900000001',
  villageId: 'pingchuan',
  villageName: '平川村',
  address: '',
  profileComplete: true,
}

type Answer = (req: CallRequest) => unknown

/** The n-th folder the fake server hands out, as the real one does: `uploads/<32 hex>/`. */
const folderN = (n: number) => `uploads/${n.toString(16).padStart(32, 'a')}/`

function backend(onCreate: Answer) {
  const seen: CallRequest[] = []
  let folders = 0
  installTransport(
    async (req) => {
      seen.push(req)
      const key = `${req.name}.${req.data.action}`
      if (key === 'account.uploadPrefix') return { ok: true, data: { prefix: folderN(++folders) } }
      if (key === 'reports.create') return onCreate(req)
      return { ok: false, error: { code: 'not_found', message: '没有这个功能' } }
    },
    { retries: 0 },
  )
  return seen
}

const created = (caseNo = 'PC20251128-0001') => ({ ok: true, data: { id: caseNo, caseNo, status: 'submitted', flagged: false } })
const type = (id: string, value: string) => fireEvent.change(document.getElementById(id) as HTMLElement, { target: { value } })
const stepTitle = () => document.getElementById('report-step-title')?.textContent ?? ''
const errorOf = (fieldId: string) => document.getElementById(`field-${fieldId}-error`)?.textContent ?? null
const click = (id: string) => fireEvent.click(document.getElementById(id) as HTMLElement)

/** Fills steps 1 and 2 with a good theft and stops on the photo step. */
function fillToPhotos() {
  type('input-item-0-name', '大塑料水桶')
  type('input-item-0-value', '60')
  click('report-next')
  pickDate('input-from-date', '2025-11-27')
  pickTime('input-from-time', '20:00')
  type('input-place', '三社东头自家大棚')
  click('report-next')
  expect(stepTitle()).toContain('拍照片')
}

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
  uploads.length = 0
  releaseUpload = undefined
})

afterAll(() => installTransport(undefined))

describe('theft report form', () => {
  it('each step refuses to go on until what it asks for is there, with the message under the field', () => {
    backend(() => created())
    render(<TheftForm profile={profile} villages={villages} now={now} />)
    expect(stepTitle()).toBe('第1步，共4步：丢了什么')

    click('report-next')
    expect(stepTitle()).toContain('第1步')
    expect(errorOf('item-0-name')).toBe('请填写丢了什么')

    type('input-item-0-name', '大塑料水桶')
    expect(errorOf('item-0-name')).toBeNull()
    type('input-item-0-value', '很多')
    click('report-next')
    expect(errorOf('item-0-value')).toBe('估计价值要填数字')
    type('input-item-0-value', '60')
    click('report-next')
    expect(stepTitle()).toBe('第2步，共4步：在哪、什么时候')

    // The village defaults to the reporter's; the time window must be whole and in order.
    click('report-next')
    expect(errorOf('from-date')).toBe('请选择最后一次看到的时间')
    expect(errorOf('place')).toBe('请填写具体地点')
    // The date picker shows today until something is picked.
    pickDate('input-from-date', '2025-11-27')
    pickDate('input-from-date', '2025-11-28')
    pickTime('input-from-time', '11:00')
    pickTime('input-to-time', '09:00')
    type('input-place', '三社东头自家大棚')
    click('report-next')
    expect(errorOf('from-date')).toBe('“最后一次看到”不能晚于现在，请重新选择')
    pickTime('input-from-time', '09:30')
    click('report-next')
    expect(errorOf('to-date')).toBe('“发现不见了”要在“最后一次看到”之后，请重新选择')
    pickTime('input-to-time', '09:45')
    click('report-next')
    expect(stepTitle()).toBe('第3步，共4步：拍照片')
  })

  it('keeps everything on the phone when the app is closed, and opens on the same step', () => {
    backend(() => created())
    const first = render(<TheftForm profile={profile} villages={villages} now={now} />)
    type('input-item-0-name', '电动车电瓶')
    click('report-next')
    type('input-place', '村口小卖部门前')
    first.unmount()

    render(<TheftForm profile={profile} villages={villages} now={now} />)
    expect(stepTitle()).toContain('第2步')
    expect((document.getElementById('input-place') as HTMLInputElement).value).toBe('村口小卖部门前')
    click('report-back')
    expect((document.getElementById('input-item-0-name') as HTMLInputElement).value).toBe('电动车电瓶')
    expect(document.getElementById('draft-restored')).not.toBeNull()
  })

  it('a submit retried after a network failure carries the same requestId, and the draft goes once sent', async () => {
    let attempts = 0
    const seen = backend(() => {
      attempts++
      if (attempts === 1) throw new Error('offline')
      return created('PC20251128-0007')
    })
    render(<TheftForm profile={profile} villages={villages} now={now} />)
    fillToPhotos()
    click('report-next')
    expect(stepTitle()).toContain('确认提交')
    const stored = Taro.getStorageSync('fq_draft_report-theft') as { requestId: string }
    expect(stored.requestId).toEqual(expect.any(String))

    click('report-submit')
    expect(await screen.findByText(/网络不好，举报还没送到/)).toBeTruthy()
    // Still on the phone after the failure.
    expect((Taro.getStorageSync('fq_draft_report-theft') as { requestId: string }).requestId).toBe(stored.requestId)

    click('report-submit')
    await waitFor(() => expect(document.getElementById('report-case-no')?.textContent).toBe('PC20251128-0007'))
    const creates = seen.filter((r) => r.data.action === 'create')
    expect(creates.map((r) => r.data.requestId)).toEqual([stored.requestId, stored.requestId])
    expect(creates[1].data.payload).toMatchObject({
      type: 'theft',
      items: [{ name: '大塑料水桶', value: 60 }],
      from: '2025-11-27T12:00:00.000Z',
      villageId: 'pingchuan',
      place: '三社东头自家大棚',
      anonymous: false,
    })
    expect(Taro.getStorageSync('fq_draft_report-theft')).toBe('')
  })

  it('the next report after a sent one gets a new requestId', async () => {
    const seen = backend(() => created())
    const first = render(<TheftForm profile={profile} villages={villages} now={now} />)
    fillToPhotos()
    click('report-next')
    click('report-submit')
    await screen.findByText('举报已送到派出所')
    first.unmount()
    render(<TheftForm profile={profile} villages={villages} now={now} />)
    fillToPhotos()
    click('report-next')
    click('report-submit')
    await screen.findByText('举报已送到派出所')
    const ids = seen.filter((r) => r.data.action === 'create').map((r) => r.data.requestId)
    expect(ids).toHaveLength(2)
    expect(ids[0]).not.toBe(ids[1])
  })

  it('a field the server refuses takes the person back to its step with the server’s words', async () => {
    backend(() => ({ ok: false, error: { code: 'invalid_argument', message: '具体地点最多100个字', field: 'place' } }))
    render(<TheftForm profile={profile} villages={villages} now={now} />)
    fillToPhotos()
    click('report-next')
    click('report-submit')
    await waitFor(() => expect(stepTitle()).toContain('第2步'))
    expect(errorOf('place')).toBe('具体地点最多100个字')
  })

  it('photos upload under the caller’s folder with visible progress; submit waits for them and sends their file ids', async () => {
    const seen = backend(() => created())
    render(<TheftForm profile={profile} villages={villages} now={now} />)
    fillToPhotos()
    setChosenMedia(['wxfile://tmp/lock.jpg'])
    await act(async () => click('photo-add'))
    await waitFor(() => expect(document.getElementById('photo-0-progress')?.textContent).toBe('正在上传 40%'))
    expect(uploads[0].cloudPath).toMatch(new RegExp(`^${folderN(1)}[a-z0-9]{12}\\.jpg$`))

    click('report-next')
    click('report-submit')
    expect(await screen.findByText('照片还在上传，请等一会儿再点提交')).toBeTruthy()
    expect(seen.filter((r) => r.data.action === 'create')).toHaveLength(0)

    await act(async () => releaseUpload?.())
    click('report-submit')
    await screen.findByText('举报已送到派出所')
    const create = seen.find((r) => r.data.action === 'create')
    expect(create?.data.payload).toMatchObject({ photos: [`cloud://env.bucket/${uploads[0].cloudPath}`] })
  })

  it('a draft keeps its own upload folder after the app is closed; the next report gets a new one', async () => {
    const seen = backend(() => created())
    const folderCalls = () => seen.filter((r) => r.name === 'account' && r.data.action === 'uploadPrefix').length
    const first = render(<TheftForm profile={profile} villages={villages} now={now} />)
    fillToPhotos()
    setChosenMedia(['wxfile://tmp/a.jpg'])
    await act(async () => click('photo-add'))
    await waitFor(() => expect(uploads).toHaveLength(1))
    await act(async () => releaseUpload?.())
    await waitFor(() => expect(document.getElementById('photo-0-done')).not.toBeNull())
    expect((Taro.getStorageSync('fq_draft_report-theft') as { uploadFolder?: { prefix: string } }).uploadFolder?.prefix).toBe(folderN(1))
    first.unmount()

    // Opened again: the same folder, not a new one (the server checks the photos are in a folder it gave this draft).
    const again = render(<TheftForm profile={profile} villages={villages} now={now} />)
    setChosenMedia(['wxfile://tmp/b.png'])
    await act(async () => click('photo-add'))
    await waitFor(() => expect(uploads).toHaveLength(2))
    // The same folder; the picked PNG went out as the JPEG shrinkPhoto made of it.
    expect(uploads[1].cloudPath).toMatch(new RegExp(`^${folderN(1)}[a-z0-9]{12}\\.jpg$`))
    expect(folderCalls()).toBe(1)
    await act(async () => releaseUpload?.())
    await waitFor(() => expect(document.getElementById('photo-1-done')).not.toBeNull())
    click('report-next')
    click('report-submit')
    await screen.findByText('举报已送到派出所')
    again.unmount()

    // A new report never shares a folder (or a file name) with the last one.
    render(<TheftForm profile={profile} villages={villages} now={now} />)
    fillToPhotos()
    setChosenMedia(['wxfile://tmp/a.jpg'])
    await act(async () => click('photo-add'))
    await waitFor(() => expect(uploads).toHaveLength(3))
    expect(uploads[2].cloudPath.startsWith(folderN(2))).toBe(true)
    expect(uploads[2].cloudPath.slice(folderN(2).length)).not.toBe(uploads[0].cloudPath.slice(folderN(1).length))
  })

  it('says exactly what anonymous means, and sends it', async () => {
    const seen = backend(() => created())
    render(<TheftForm profile={profile} villages={villages} now={now} />)
    fillToPhotos()
    click('report-next')
    expect(document.getElementById('anonymous-means')?.textContent).toBe('民警看不到您的姓名和电话，但派出所仍能给您发进展通知')
    expect(ANONYMOUS_MEANS).toBe('民警看不到您的姓名和电话，但派出所仍能给您发进展通知')
    click('anonymous-yes')
    click('report-submit')
    await screen.findByText('举报已送到派出所')
    expect(seen.find((r) => r.data.action === 'create')?.data.payload).toMatchObject({ anonymous: true })
  })
})

describe('fake pesticide report form', () => {
  it('asks for the product, then the shop and date, then the damage, in that order', () => {
    backend(() => created())
    render(<PesticideForm profile={profile} villages={villages} now={now} />)
    click('report-next')
    expect(errorOf('product')).toBe('请填写农药名称')
    expect(errorOf('brand')).toBe('请填写品牌或厂家')
    expect(errorOf('registration-no')).toBeNull()
    type('input-product', '草甘膦')
    type('input-brand', '绿丰化工')
    click('report-next')
    expect(stepTitle()).toContain('在哪买的')
    click('report-next')
    expect(errorOf('shop')).toBe('请填写在哪里买的')
    expect(errorOf('bought-date')).toBe('请选择购买日期')
    type('input-shop', '流动商贩')
    pickDate('input-bought-date', '2025-11-20')
    click('report-next')
    expect(stepTitle()).toContain('庄稼怎么了')
  })
})
