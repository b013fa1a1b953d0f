// A local cloud with only the database service, and the REAL wx-server-sdk pointed at it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, type RunningServer } from '../../../local-cloud/src/server'
import { createDatabaseService, type DatabaseService, type DatabaseServiceOptions } from '../../../local-cloud/src/db'
import type { DatabaseSchema } from '../../../local-cloud/src/wire'
import { sdkAgainst } from './sdkEnv'
import { signWireCall } from '../../../local-cloud/src/auth'

export type Sdk = typeof import('wx-server-sdk')

/** Collections the database conformance tests use (the app's own live in cloudfunctions/database.json). */
export const TEST_SCHEMA: DatabaseSchema = {
  collections: {
    items: {
      indexes: [
        { name: 'village_created', fields: [['villageId', 1], ['createdAt', -1]] },
        { name: 'n', fields: [['n', 1]] },
        { name: 'tags', fields: [['tag', 1]] },
      ],
    },
    counters: {},
    people: { indexes: [{ name: 'phone', fields: [['phone', 1]], unique: true }] },
    bulk: { indexes: [{ name: 'seq', fields: [['seq', 1]] }] },
  },
}

// The part of wx-server-sdk's database API the tests use. The SDK's own .d.ts describes the
// mini-program client (callback overloads returning void), so the tests type the server behaviour here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents read back are schemaless
export type AnyDoc = { [k: string]: any }
type SdkDb = ReturnType<Sdk['database']>
export interface TestQuery {
  where(q: object): TestQuery
  orderBy(field: string, dir: 'asc' | 'desc'): TestQuery
  skip(n: number): TestQuery
  limit(n: number): TestQuery
  field(p: Record<string, boolean>): TestQuery
  get(): Promise<{ data: AnyDoc[] }>
  count(): Promise<{ total: number }>
  update(o: { data: object }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}
export interface TestDocRef {
  get(): Promise<{ data: AnyDoc }>
  set(o: { data: object }): Promise<{ _id: string; stats: { updated: number; created: number } }>
  update(o: { data: object }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}
export interface TestAggregate {
  match(v: object): TestAggregate
  group(v: object): TestAggregate
  sort(v: object): TestAggregate
  project(v: object): TestAggregate
  end(): Promise<{ list: AnyDoc[] }>
}
export interface TestCollection extends TestQuery {
  doc(id: string): TestDocRef
  add(o: { data: object }): Promise<{ _id: string }>
  aggregate(): TestAggregate
}
export interface TestTransaction {
  collection(name: string): TestCollection
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}
export interface TestDb {
  command: SdkDb['command'] & { geoNear(o: object): object; aggregate: { sum(v: unknown): object } }
  serverDate(opts?: { offset: number }): object
  RegExp(opts: { regexp: string; options?: string }): object
  Geo: { Point: new (longitude: number, latitude: number) => object }
  collection(name: string): TestCollection
  startTransaction(): Promise<TestTransaction>
  runTransaction<T>(fn: (t: TestTransaction) => Promise<T>, times?: number): Promise<T>
}

export interface DbCloud {
  cloud: Sdk
  db: TestDb
  service: DatabaseService
  url: string
  /** Sends one raw wire call, as the SDK would, and returns the parsed reply. */
  wire(body: Record<string, unknown>): Promise<Record<string, unknown>>
  clock: { now: Date }
  stop(): Promise<void>
}

export async function startDbCloud(opts: Partial<DatabaseServiceOptions> = {}): Promise<DbCloud> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-db-'))
  const clock = { now: new Date('2025-03-01T02:00:00.000Z') }
  const service = createDatabaseService({ file: path.join(dir, 'db.sqlite'), schema: TEST_SCHEMA, now: () => clock.now, ...opts })
  const server: RunningServer = await startServer({ port: 0, services: [service], routes: [] })
  const env = 'db-test'
  const cloud = sdkAgainst<Sdk>(server, { env, fn: 'db-test', extra: { SILENCE: 'true' } })
  return {
    cloud,
    db: cloud.database() as unknown as TestDb,
    service,
    url: server.url,
    clock,
    async wire(body) {
      const url = `${server.url}/admin?env=${env}`
      const res = await fetch(url, { method: 'POST', headers: signWireCall({ credentials: server.credentials, url, params: body }), body: JSON.stringify(body) })
      return (await res.json()) as Record<string, unknown>
    },
    async stop() {
      await server.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The error a rejected SDK call gives (wx-server-sdk's `errCode` + `errMsg`). */
export async function sdkError(p: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await p
  } catch (e) {
    const err = e as { errCode?: number; errMsg?: string; message?: string }
    return { errCode: err.errCode ?? 0, errMsg: err.errMsg ?? err.message ?? String(e) }
  }
  throw new Error('expected the call to fail, but it succeeded')
}
