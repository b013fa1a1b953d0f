// The mediation application with a fake backend: each step asks for what it needs, the draft survives a closed
// app, a retried submit reuses the draft's requestId, a server refusal takes the person back to the right step,
// and the success screen gives the invite code for the other side.
import { fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroStub, setChosenMedia } from './stubs/taro'
import type { Profile, Village } from '@contract/account'
import type { PartyCaseView } from '@contract/mediation'
import { ApplyForm } from '@/packages/mediation/apply/ApplyForm'
import { installTransport, type CallRequest } from '@/services/client'
import type { UploadRequest } from '@/services/upload'

// Uploads land in a fake cloud that answers a file id for the path asked (or drops the next one, as a weak network does).
const uploads: UploadRequest[] = []
let mockDropNextUpload = false
jest.mock('@/services/upload', () => ({
  uploadFile: (req: UploadRequest) => {
    uploads.push(req)
    if (mockDropNextUpload) {
      mockDropNextUpload = false
      return Promise.reject(Object.assign(new Error('uploadFile:fail timeout'), { errMsg: 'uploadFile:fail timeout' }))
    }
    return Promise.resolve({ fileID: `cloud://env.bucket/${req.cloudPath}` })
  },
}))

const villages: Village[] = [
  { id: 'pingchuan', name: '平川村' },
  { id: 'luwan', name: '芦湾村' },
]
const profile: Profile = { openid: 'dev-resident-1', role: 'resident', name: '张桂兰', phone: '13900000001', villageId: 'pingchuan', villageName: '平川村', address: '', profileComplete: true }

function created(): PartyCaseView {
  return {
    id: 'TJ20261201-0001', kind: 'neighbour', kindLabel: '邻里纠纷', source: 'app', sourceLabel: '小程序申请', title: '张桂兰与王淑珍的邻里纠纷',
    status: 'applied', statusLabel: '已申请，等待审查', statusKind: 'info', villageName: '平川村', level: null, levelLabel: '未定级', risk: false,
    track: null, trackLabel: '', clock: null, nextSession: null, overdueTerms: 0, createdAt: '2026-12-01T02:00:00.000Z', updatedAt: '2026-12-01T02:00:00.000Z',
    view: 'party', side: 'applicant', myStatement: '', otherPartyName: '王淑珍', myConsent: 'pending', team: [], sessions: [], agreement: null,
    myConfirmation: false, followUps: [], timeline: [], route: null, inviteCode: 'K7MPQ2', canWithdraw: true, storyConsent: false,
  }
}

function backend(answer: (req: CallRequest) => unknown) {
  const seen: CallRequest[] = []
  installTransport(async (req) => {
    seen.push(req)
    if (req.data.action === 'uploadPrefix') return { ok: true, data: { prefix: 'uploads/k3f9a0c1d2e4b5a6/' } }
    return answer(req)
  }, { retries: 0 })
  return seen
}

const click = (id: string) => fireEvent.click(document.getElementById(id) as HTMLElement)
const type = (id: string, value: string) => fireEvent.change(document.getElementById(id) as HTMLElement, { target: { value } })
const title = () => document.getElementById('apply-step-title')?.textContent ?? ''
const errorOf = (field: string) => document.getElementById(`field-${field}-error`)?.textContent ?? null

function fillAll() {
  click('kind-neighbour')
  click('apply-next')
  type('input-otherName', '王淑珍')
  click('otherAgeBand-adult')
  click('myAgeBand-senior')
  click('apply-next')
  type('input-what', '轮到我家浇水，她家把水口堵了')
  type('input-place', '三社东头水渠')
  click('apply-next')
  type('input-want', '按顺序浇水')
  click('apply-next')
}

/** A damages case against 李富民 filled in up to the step with the photos. */
function toPhotoStep() {
  click('kind-damages')
  click('apply-next')
  type('input-otherName', '李富民')
  click('otherAgeBand-unknown')
  click('myAgeBand-adult')
  click('apply-next')
}

/** From the photo step on: what happened, where, what the person wants, to the confirm step. */
function fromPhotoStepToConfirm() {
  type('input-what', '牛撞坏了围栏')
  type('input-place', '菜园')
  click('apply-next')
  type('input-want', '赔钱修好')
  click('apply-next')
}

beforeEach(() => {
  resetTaroStub()
  uploads.length = 0
  mockDropNextUpload = false
})
afterAll(() => installTransport(undefined))

it('asks for one thing at a time and says what is missing under the field', () => {
  backend(() => ({ ok: true, data: created() }))
  render(<ApplyForm profile={profile} villages={villages} />)
  expect(title()).toBe('第1步，共5步：是哪一类矛盾')
  click('apply-next')
  expect(errorOf('kind')).toBe('请选一类，说不清就选“其他矛盾”')
  click('kind-neighbour')
  click('apply-next')
  expect(title()).toContain('和谁有矛盾')
  type('input-otherName', '王')
  type('input-otherPhone', '123')
  click('apply-next')
  expect(errorOf('otherName')).toBe('请写对方的姓名，至少2个字')
  expect(errorOf('otherPhone')).toContain('手机号要11位数字')
})

it('keeps the draft when the app is closed and opens on the same step', () => {
  backend(() => ({ ok: true, data: created() }))
  const first = render(<ApplyForm profile={profile} villages={villages} />)
  click('kind-land')
  click('apply-next')
  type('input-otherName', '孙富贵')
  first.unmount()
  render(<ApplyForm profile={profile} villages={villages} />)
  expect(title()).toContain('第2步')
  expect((document.getElementById('input-otherName') as HTMLInputElement).value).toBe('孙富贵')
  expect(document.getElementById('apply-restored')).not.toBeNull()
})

it('a retry after a network failure carries the same requestId, then shows the invite code', async () => {
  let calls = 0
  const seen = backend(() => {
    calls++
    if (calls === 1) throw new Error('offline')
    return { ok: true, data: created() }
  })
  render(<ApplyForm profile={profile} villages={villages} />)
  fillAll()
  expect(document.getElementById('apply-confirm')?.textContent).toContain('对方：王淑珍')
  click('apply-submit')
  await waitFor(() => expect(document.getElementById('apply-error')).not.toBeNull())
  click('apply-submit')
  await waitFor(() => expect(document.getElementById('apply-success')).not.toBeNull())
  const applies = seen.filter((r) => r.data.action === 'apply')
  expect(applies).toHaveLength(2)
  expect(applies[0].data.requestId).toBe(applies[1].data.requestId)
  expect(applies[1].data.payload).toMatchObject({ kind: 'neighbour', me: { name: '张桂兰', phone: '13900000001', villageId: 'pingchuan', ageBand: 'senior' }, other: { name: '王淑珍', villageId: 'pingchuan', ageBand: 'adult' }, place: '三社东头水渠' })
  expect(document.getElementById('apply-invite-code')?.textContent).toBe('K7MPQ2')
})

it('a refusal that names a field takes the person back to that step', async () => {
  backend(() => ({ ok: false, error: { code: 'invalid_argument', message: '没有这个村，请重新选择', field: 'other.villageId' } }))
  render(<ApplyForm profile={profile} villages={villages} />)
  fillAll()
  click('apply-submit')
  await waitFor(() => expect(title()).toContain('和谁有矛盾'))
  expect(errorOf('otherVillageId')).toBe('没有这个村，请重新选择')
})

it('a photo goes into the person’s own folder at once, stays in the draft and is sent with the application', async () => {
  const seen = backend(() => ({ ok: true, data: created() }))
  const first = render(<ApplyForm profile={profile} villages={villages} />)
  toPhotoStep()
  setChosenMedia(['wxfile://tmp/fence.jpg'])
  click('photo-add')
  await waitFor(() => expect(document.getElementById('photo-0-done')).not.toBeNull())
  expect(document.getElementById('photo-count')?.textContent).toBe('已选 1 张，最多 6 张')
  expect(uploads[0].cloudPath).toMatch(/^uploads\/k3f9a0c1d2e4b5a6\/[a-z0-9]{12}\.jpg$/)
  first.unmount()
  render(<ApplyForm profile={profile} villages={villages} />)
  expect(document.getElementById('photo-0-done')).not.toBeNull()
  expect(uploads).toHaveLength(1)
  fromPhotoStepToConfirm()
  click('apply-submit')
  await waitFor(() => expect(document.getElementById('apply-success')).not.toBeNull())
  const apply = seen.find((r) => r.data.action === 'apply')
  expect(apply?.data.payload).toMatchObject({ photos: [`cloud://env.bucket/${uploads[0].cloudPath}`] })
})

it('asks both sides’ age band; a party under 16 is told a guardian must come and the band is sent', async () => {
  const seen = backend(() => ({ ok: true, data: created() }))
  render(<ApplyForm profile={profile} villages={villages} />)
  click('kind-neighbour')
  click('apply-next')
  type('input-otherName', '王小军')
  click('apply-next')
  expect(errorOf('otherAgeBand')).toBe('请选对方的年龄段，不知道就选“不清楚”')
  expect(errorOf('myAgeBand')).toBe('请选您的年龄段')
  click('otherAgeBand-under16')
  expect(document.getElementById('apply-guardian')?.textContent).toContain('监护人')
  click('myAgeBand-adult')
  click('apply-next')
  type('input-what', '他家孩子砸了我家玻璃')
  type('input-place', '门口')
  click('apply-next')
  type('input-want', '赔玻璃')
  click('apply-next')
  click('apply-submit')
  await waitFor(() => expect(document.getElementById('apply-success')).not.toBeNull())
  expect(seen.find((r) => r.data.action === 'apply')?.data.payload).toMatchObject({ me: { ageBand: 'adult' }, other: { name: '王小军', ageBand: 'under16' } })
})

it('an unknown age for the other side is not sent as a band', async () => {
  const seen = backend(() => ({ ok: true, data: created() }))
  render(<ApplyForm profile={profile} villages={villages} />)
  click('kind-neighbour')
  click('apply-next')
  type('input-otherName', '王淑珍')
  click('otherAgeBand-unknown')
  click('myAgeBand-adult')
  click('apply-next')
  type('input-what', '浇水顺序')
  type('input-place', '水渠')
  click('apply-next')
  type('input-want', '按顺序')
  click('apply-next')
  click('apply-submit')
  await waitFor(() => expect(document.getElementById('apply-success')).not.toBeNull())
  const other = (seen.find((r) => r.data.action === 'apply')?.data.payload as { other: Record<string, unknown> }).other
  expect(other).not.toHaveProperty('ageBand')
})

it('a photo that did not get through holds the application at the photo step until it is sent again or taken out', async () => {
  const seen = backend(() => ({ ok: true, data: created() }))
  render(<ApplyForm profile={profile} villages={villages} />)
  toPhotoStep()
  mockDropNextUpload = true
  setChosenMedia(['wxfile://tmp/fence.jpg'])
  click('photo-add')
  await waitFor(() => expect(document.getElementById('photo-0-retry')).not.toBeNull())
  fromPhotoStepToConfirm()
  click('apply-submit')
  await waitFor(() => expect(title()).toContain('发生了什么'))
  expect(document.getElementById('field-photos')?.textContent).toContain('有照片没传上，点“重传”或删掉')
  expect(seen.some((r) => r.data.action === 'apply')).toBe(false)
  click('photo-0-retry')
  await waitFor(() => expect(document.getElementById('photo-0-done')).not.toBeNull())
  click('apply-next')
  click('apply-next')
  click('apply-submit')
  await waitFor(() => expect(document.getElementById('apply-success')).not.toBeNull())
  expect(seen.find((r) => r.data.action === 'apply')?.data.payload).toMatchObject({ photos: [`cloud://env.bucket/${uploads[1].cloudPath}`] })
})

it('a draft kept before photos showed their progress (bare file ids) opens with its photos and sends them', async () => {
  const seen = backend(() => ({ ok: true, data: created() }))
  const fileId = 'cloud://env.bucket/uploads/k3f9a0c1d2e4b5a6/abcdefghijkl.jpg'
  Taro.setStorageSync('fq_draft_mediation-apply', {
    step: 4, kind: 'damages', otherName: '李富民', otherPhone: '', otherVillageId: 'pingchuan', otherGroup: '', myGroup: '', myAgeBand: 'adult',
    otherAgeBand: 'unknown', what: '牛撞坏了围栏', place: '菜园', want: '赔钱修好', photos: [fileId], requestId: 'req-kept-0001',
  })
  render(<ApplyForm profile={profile} villages={villages} />)
  click('apply-submit')
  await waitFor(() => expect(document.getElementById('apply-success')).not.toBeNull())
  expect(uploads).toHaveLength(0)
  expect(seen.find((r) => r.data.action === 'apply')?.data.payload).toMatchObject({ photos: [fileId] })
})
