// The compiled WeChat build's theft form, in miniprogram-simulate against the seeded local cloud: a resident fills it
// in, adds a photo (uploaded to the cloud's storage), submits, and the report is on the server with that photo.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gatewayCall, loadWeapp, pickDate, pickTime, tap, textOf, waitFor, type SimComponent, type WeappHarness } from '../support/weapp'

const CLOUD = process.env.TEST_CLOUD_URL ?? ''
let weapp: WeappHarness
let photo: string

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: CLOUD, openid: 'dev-resident-1', storage: { fq_privacy_agreed: true } })
  // A tiny but real JPEG (SOI, a comment, EOI) standing in for a camera photo.
  photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-photo-')), 'lock.jpg')
  fs.writeFileSync(photo, Buffer.from([0xff, 0xd8, 0xff, 0xfe, 0x00, 0x06, 0x6c, 0x6f, 0x63, 0x6b, 0xff, 0xd9]))
})

function typeInto(page: SimComponent, id: string, value: string): void {
  const input = page.querySelector(`#${id}`)
  if (!input) throw new Error(`no input #${id}`)
  input.dispatchEvent('input', { detail: { value, cursor: value.length } })
}

/** Yesterday in Beijing, YYYY-MM-DD. */
function yesterdayInBeijing(): string {
  return new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10)
}

interface ReportView {
  caseNo: string
  status: string
  theft: { items: { name: string; value: number }[]; place: string } | null
  photos: { fileId: string }[]
}

it('a resident reports a theft with a photo, and the report is on the server', async () => {
  const page = await weapp.openPage('packages/report-form/theft/index')
  await waitFor(() => page.querySelector('#input-item-0-name'), 'the theft form')
  expect(textOf(page, 'report-step-title')).toBe('第1步，共4步：丢了什么')

  // Nothing typed: the step says what is missing and stays.
  tap(page, 'report-next')
  await waitFor(() => textOf(page, 'field-item-0-name-error'), 'the missing-item message')
  expect(textOf(page, 'field-item-0-name-error')).toBe('请填写丢了什么')

  typeInto(page, 'input-item-0-name', '大塑料水桶')
  typeInto(page, 'input-item-0-value', '60')
  tap(page, 'report-next')
  await waitFor(() => textOf(page, 'report-step-title')?.includes('在哪、什么时候'), 'step 2')

  await pickDate(page, 'input-from-date', yesterdayInBeijing())
  await pickTime(page, 'input-from-time', '20:00')
  typeInto(page, 'input-place', '三社东头自家大棚')
  tap(page, 'report-next')
  await waitFor(() => textOf(page, 'report-step-title')?.includes('拍照片'), 'the photo step')
  expect(textOf(page, 'photo-examples')).toContain('撬坏的锁')

  weapp.chooseMedia = [photo]
  tap(page, 'photo-add')
  await waitFor(() => textOf(page, 'photo-0-done'), 'the uploaded photo')
  expect(weapp.uploads).toHaveLength(1)
  expect(weapp.uploads[0].cloudPath).toMatch(/^uploads\/[a-f0-9]{32}\/[a-z0-9]{12}\.jpg$/)
  // The 12-megapixel photo was shrunk to 1600 px on its long side first, and the shrunk file is the one sent.
  expect(weapp.compressed).toEqual([{ src: photo, quality: 80, compressedWidth: 1600, tempFilePath: expect.stringMatching(/-compressed-0\.jpg$/) }])
  expect(weapp.uploads[0].filePath).toBe(weapp.compressed[0].tempFilePath)

  tap(page, 'report-next')
  await waitFor(() => page.querySelector('#report-submit'), 'the confirm step')
  expect(textOf(page, 'anonymous-means')).toBe('民警看不到您的姓名和电话，但派出所仍能给您发进展通知')
  tap(page, 'report-submit')
  const caseNo = await waitFor(() => textOf(page, 'report-case-no'), 'the case number')
  expect(caseNo).toMatch(/^PC\d{8}-\d{4}$/)

  // One create, with the draft's request id; the draft is gone from the phone.
  const creates = weapp.calls.filter((c) => c.name === 'reports' && c.data.action === 'create')
  expect(creates).toHaveLength(1)
  expect(creates[0].data.requestId).toEqual(expect.any(String))
  expect(weapp.storage.has('fq_draft_report-theft')).toBe(false)

  // On the server, as the reporter sees it, with the photo.
  const got = (await gatewayCall(CLOUD, 'dev-resident-1', 'reports', { action: 'get', payload: { id: caseNo } })) as { ok: boolean; data: ReportView }
  expect(got.ok).toBe(true)
  expect(got.data.status).toBe('submitted')
  expect(got.data.theft?.items).toEqual([{ name: '大塑料水桶', value: 60 }])
  expect(got.data.theft?.place).toBe('三社东头自家大棚')
  expect(got.data.photos.map((p) => p.fileId)).toEqual([weapp.uploads[0].fileID])

  // And in the officers' queue.
  const queue = (await gatewayCall(CLOUD, 'dev-officer', 'reports', { action: 'list', payload: { type: 'theft', status: 'submitted' } })) as {
    ok: boolean
    data: { items: { caseNo: string }[] }
  }
  expect(queue.data.items.map((i) => i.caseNo)).toContain(caseNo)
})
