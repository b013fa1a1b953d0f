// The compiled WeChat build's 我的调解 in miniprogram-simulate, against the seeded local cloud: a party sees the
// case the seed left being carried out (家庭赡养), with an overdue term, and marks a shared term done.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import { gatewayCall, loadWeapp, tap, textOf, waitFor, type WeappHarness } from '../support/weapp'

const PARTY = 'dev-resident-4' // 陈志强, 三一村: the seeded 家庭赡养 case being carried out
let weapp: WeappHarness

// WeChat's own file APIs, as far as the agreement page uses them: a download to a temp file, then the document viewer.
// Installed before the build loads, so Taro's wrappers find them.
const opened: { filePath: string; fileType: string; showMenu: boolean }[] = []
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-doc-'))
type Cb = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void }
function installFileApis(): void {
  require('miniprogram-simulate')
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  wx.downloadFile = (o: { url: string } & Cb) => {
    // The simulator's environment has no fetch: Node's http, as the phone would do its own download.
    http
      .get(new URL(o.url), (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const filePath = path.join(dir, 'agreement.docx')
          fs.writeFileSync(filePath, Buffer.concat(chunks))
          const r = { tempFilePath: filePath, statusCode: res.statusCode ?? 0, errMsg: 'downloadFile:ok' }
          o.success?.(r)
          o.complete?.(r)
        })
      })
      .on('error', (err) => o.fail?.({ errMsg: `downloadFile:fail ${err.message}` }))
    return { abort: () => undefined, onProgressUpdate: () => undefined }
  }
  wx.openDocument = (o: { filePath: string; fileType: string; showMenu: boolean } & Cb) => {
    opened.push({ filePath: o.filePath, fileType: o.fileType, showMenu: o.showMenu })
    const r = { errMsg: 'openDocument:ok' }
    o.success?.(r)
    o.complete?.(r)
  }
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

beforeAll(() => {
  installFileApis()
  weapp = loadWeapp({ cloudUrl: process.env.TEST_CLOUD_URL ?? '', openid: PARTY, storage: { fq_privacy_agreed: true } })
  installFileApis()
})

it('opens the case being carried out and marks the shared term done', async () => {
  const mine = (await gatewayCall(process.env.TEST_CLOUD_URL ?? '', PARTY, 'mediation', { action: 'mine', payload: {} })) as { data: { items: { id: string; status: string }[] } }
  const performing = mine.data.items.find((c) => c.status === 'performing')
  expect(performing).toBeDefined()
  const id = performing?.id ?? ''

  // (One page component per file in simulate: the list is the same page without `id`.)
  const page = await weapp.openPage('packages/mediation/mine/index', { id })
  await waitFor(() => page.querySelector('#party-agreement'), 'the agreement on the case page')
  expect(page.dom.textContent).toContain('协议履行中')
  expect(textOf(page, 'term-t1')).toContain('已过期')
  // The other side's term has no button for this party; the shared one does.
  expect(page.querySelector('#term-done-t1') ?? null).toBeNull()
  tap(page, 'term-done-t2')
  await waitFor(() => (textOf(page, 'term-t2') ?? '').includes('已完成'), 'the shared term marked done')
  expect(weapp.calls.some((c) => c.name === 'mediation' && c.data.action === 'termDone')).toBe(true)
})

it('opens the Word 调解协议书 with wx.openDocument after downloading it', async () => {
  const mine = (await gatewayCall(process.env.TEST_CLOUD_URL ?? '', PARTY, 'mediation', { action: 'mine', payload: {} })) as { data: { items: { id: string; status: string }[] } }
  const id = mine.data.items.find((c) => c.status === 'performing')?.id ?? ''
  const page = await weapp.openPage('packages/mediation/agreement/index', { id })
  await waitFor(() => page.querySelector('#agreement-download'), 'the download button under the agreement')
  tap(page, 'agreement-download')
  await waitFor(() => opened.length === 1 || page.querySelector('#agreement-download-error'), 'the document opened in WeChat’s viewer')
  expect(textOf(page, 'agreement-download-error') ?? null).toBeNull()
  expect(opened[0]).toMatchObject({ fileType: 'docx', showMenu: true })
  const zip = await JSZip.loadAsync(fs.readFileSync(opened[0].filePath))
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? ''
  expect(xml).toContain('陈志强')
  expect(weapp.calls.some((c) => c.name === 'mediation' && c.data.action === 'document')).toBe(true)
})
