// Cloud storage through the real wx-server-sdk: upload, temp URL, HTTP download, downloadFile, delete.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, type RunningServer } from '../../local-cloud/src/server'
import { createStorage, type Storage } from '../../local-cloud/src/storage'
import '../support/slow'
import { sdkAgainst, type SdkCore } from './support/sdkEnv'

process.on('unhandledRejection', (err) => {
  console.error('unhandled rejection in storage.test', err)
})

const ENV = 'storage-test'

// The SDK's surface we use, typed for this test.
interface Sdk extends SdkCore {
  uploadFile(opts: { cloudPath: string; fileContent: Buffer | fs.ReadStream }): Promise<{ fileID: string; statusCode: number }>
  getTempFileURL(opts: { fileList: Array<string | { fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; status: number; errMsg: string; tempFileURL: string; maxAge?: number }>
  }>
  downloadFile(opts: { fileID: string }): Promise<{ fileContent: Buffer; statusCode: number }>
  deleteFile(opts: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number; errMsg: string }> }>
}

let dir: string
let server: RunningServer
let storage: Storage
let cloud: Sdk

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-storage-'))
  let base = ''
  storage = createStorage({ dir: path.join(dir, 'storage'), baseUrl: () => base, env: ENV })
  server = await startServer({ port: 0, services: [storage.service], routes: storage.routes })
  base = server.url
  cloud = sdkAgainst<Sdk>(server, { env: ENV, fn: 'storage-test' })
})

afterAll(async () => {
  await server?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('举报照片 bytes \u0000\u00ff')])

test('upload → temp URL → HTTP GET returns the same bytes → delete → gone', async () => {
  const cloudPath = 'reports/dev-resident-1/现场 照片.png'
  const up = await cloud.uploadFile({ cloudPath, fileContent: photo })
  expect(up.fileID).toBe(`cloud://${ENV}.6c6f-${ENV}-local/${cloudPath}`)
  // Written by the server side (the SDK holds the secret): no user is its creator.
  expect(storage.read(up.fileID)?.openid).toBe('')

  const urls = await cloud.getTempFileURL({ fileList: [up.fileID] })
  expect(urls.fileList).toHaveLength(1)
  const [entry] = urls.fileList
  expect(entry).toMatchObject({ fileID: up.fileID, status: 0, errMsg: 'ok' })
  expect(entry.tempFileURL.startsWith(`${server.url}/files/`)).toBe(true)

  // The SDK encodeURI()s temp URLs before fetching them; a browser does the same.
  const res = await fetch(encodeURI(entry.tempFileURL))
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/png')
  expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true)

  const down = await cloud.downloadFile({ fileID: up.fileID })
  expect(Buffer.from(down.fileContent).equals(photo)).toBe(true)

  const del = await cloud.deleteFile({ fileList: [up.fileID] })
  expect(del.fileList).toEqual([{ fileID: up.fileID, status: 0, errMsg: 'ok' }])

  const after = await cloud.getTempFileURL({ fileList: [up.fileID] })
  expect(after.fileList[0]).toMatchObject({ fileID: up.fileID, status: -503003, tempFileURL: '' })
  expect((await fetch(encodeURI(entry.tempFileURL))).status).toBe(404)
  // node-sdk throws its own TcbError here; wx-server-sdk passes it on with errCode -1 and the CloudBase code.
  await expect(cloud.downloadFile({ fileID: up.fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST', errCode: -1 })
  expect(storage.read(up.fileID)).toBeUndefined()
})

test('uploads a ReadStream and replaces an existing file at the same path', async () => {
  const src = path.join(dir, 'notice.txt')
  fs.writeFileSync(src, '第一版')
  const first = await cloud.uploadFile({ cloudPath: 'alerts/notice.txt', fileContent: fs.createReadStream(src) })
  fs.writeFileSync(src, '第二版：请勿轻信陌生来电')
  const second = await cloud.uploadFile({ cloudPath: 'alerts/notice.txt', fileContent: fs.createReadStream(src) })
  expect(second.fileID).toBe(first.fileID)
  const down = await cloud.downloadFile({ fileID: first.fileID })
  expect(Buffer.from(down.fileContent).toString('utf8')).toBe('第二版：请勿轻信陌生来电')
})

test('a cloudPath that escapes the storage folder is refused and writes nothing', async () => {
  for (const cloudPath of ['../outside.txt', 'a/../../outside.txt', '/abs.txt', 'a//b.txt']) {
    // The COS-style XML error of the PUT step surfaces as node-sdk's STORAGE_REQUEST_FAIL.
    await expect(cloud.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toMatchObject({
      code: 'STORAGE_REQUEST_FAIL',
      errMsg: expect.stringContaining('InvalidObjectName'),
    })
  }
  expect(fs.existsSync(path.join(dir, 'outside.txt'))).toBe(false)
  expect(fs.existsSync(path.join(dir, 'storage', 'outside.txt'))).toBe(false)
})

test('temp URLs carry a signature and a max age', async () => {
  const fileID = storage.put('alerts/poster.jpg', Buffer.from('jpeg-bytes'))
  const { fileList } = await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 120 }] })
  expect(fileList[0]).toMatchObject({ status: 0, maxAge: 120 })
  const url = new URL(fileList[0].tempFileURL)
  const expires = Number(url.searchParams.get('t'))
  expect(expires - Date.now() / 1000).toBeGreaterThan(100)
  expect(expires - Date.now() / 1000).toBeLessThanOrEqual(121)

  const good = await fetch(url)
  expect(good.status).toBe(200)
  expect(good.headers.get('content-type')).toBe('image/jpeg')

  url.searchParams.set('t', String(expires + 3600))
  expect((await fetch(url)).status).toBe(403)
  // Another file's path with this file's signature is refused too.
  const other = new URL(fileList[0].tempFileURL.replace('poster.jpg', 'other.jpg'))
  expect((await fetch(other)).status).toBe(403)
})

test('files stored directly (the gateway upload) keep their content type and are readable through the SDK', async () => {
  const fileID = storage.put('uploads/voice.bin', Buffer.from([1, 2, 3]), 'audio/mpeg')
  expect(storage.read(fileID)).toMatchObject({ cloudPath: 'uploads/voice.bin', contentType: 'audio/mpeg' })
  const down = await cloud.downloadFile({ fileID })
  expect([...Buffer.from(down.fileContent)]).toEqual([1, 2, 3])
  const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] })
  expect((await fetch(fileList[0].tempFileURL)).headers.get('content-type')).toBe('audio/mpeg')
})

test('deleting or linking a file that does not exist reports it per file', async () => {
  const missing = `cloud://${ENV}.6c6f-${ENV}-local/nothing/here.png`
  const foreign = 'cloud://other-env.abcd-other-env-123/x.png'
  const del = await cloud.deleteFile({ fileList: [missing, foreign] })
  expect(del.fileList.map((f) => f.status)).toEqual([-503003, -503003])
  const urls = await cloud.getTempFileURL({ fileList: [missing] })
  expect(urls.fileList[0]).toMatchObject({ fileID: missing, status: -503003, tempFileURL: '' })
})
