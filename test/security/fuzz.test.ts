// Fuzzing every action of the contract through the gateway: junk payloads, deep nesting, huge strings, operator
// injection and prototype keys. Every answer must be an envelope (or the gateway's own refusal) in plain Chinese,
// never an internal error, and a refused call writes nothing. Generated from the contract: new actions join it.
import fc from 'fast-check'
import { SYSTEM } from '@contract'
import { startTestCloud, type TestCloud } from '../support/localCloud'
import { ACTIONS, IDENTITIES, callBody, envelopeProblem, gatewayRaw, requestKeys, storeFingerprint, type GatewayAnswer } from './support'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud()
}, 120_000)

afterAll(async () => {
  await t?.stop()
  console.log(`security fuzz: ${calls} calls, ${crashes} crashes, ${partialWrites} partial writes`)
})

/** Runs per action in `npm test`; `FUZZ_RUNS=500 npx jest --selectProjects security` digs deeper. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40)
let calls = 0
let crashes = 0
let partialWrites = 0

/** A caller the action admits, so the fuzz reaches validation and the handler. */
function callerFor(roles: readonly string[]): string {
  if (roles.includes('admin')) return IDENTITIES.admin
  if (roles.includes('officer')) return IDENTITIES.officer
  if (roles.includes('resident')) return IDENTITIES.resident
  return IDENTITIES.admin
}

const OPERATORS = ['$gt', '$ne', '$where', '$regex', '$in', '$set', '$inc', '$expr', '$function', '$lookup']
const operatorValue = fc.oneof(
  fc.constantFrom(...OPERATORS).map((op) => ({ [op]: '' })),
  fc.constantFrom(...OPERATORS).map((op) => ({ [op]: [1, 'a', null] })),
  fc.constant({ $gt: '' }),
  fc.constant({ $where: 'sleep(1000)' }),
)
const junkValue = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 4, withNullPrototype: true, withBigInt: false, withDate: true }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u200b\u200b', '\u0000', '\u202e反转', 'NaN', '-1', '1e400', '0001-01-01', '+275760-09-13', '2026-02-30', '../../etc/passwd'),
  fc.constantFrom(-1, 0, 1e308, -0, 2 ** 53 + 1, 0.5),
  operatorValue,
)

/** An object with the action's own keys given junk values, plus stray keys: the likeliest path past a shallow check. */
function junkFor(keys: readonly string[]) {
  const own = keys.length > 0 ? fc.record(Object.fromEntries(keys.map((k) => [k, junkValue])), { requiredKeys: [] }) : fc.constant({})
  return fc.oneof(own, fc.tuple(own, fc.dictionary(fc.string({ maxLength: 8 }), junkValue, { maxKeys: 3 })).map(([a, b]) => ({ ...b, ...a })), junkValue)
}

async function check(fn: string, name: string, openid: string, body: string): Promise<GatewayAnswer> {
  const before = storeFingerprint(t)
  const answer = await gatewayRaw(t, openid, body)
  calls++
  const problem = envelopeProblem(answer)
  if (problem) throw new Error(`${fn}.${name}: ${problem}`)
  if (answer.result && !answer.result.ok) {
    if (answer.result.error?.code === 'internal') {
      crashes++
      throw new Error(`${fn}.${name} answered internal for ${body.slice(0, 300)}`)
    }
    if (storeFingerprint(t) !== before) {
      partialWrites++
      throw new Error(`${fn}.${name} refused (${answer.result.error?.code}) but wrote: ${body.slice(0, 300)}`)
    }
  }
  return answer
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`
}

const targets = ACTIONS.filter((a) => !a.spec.roles.every((r) => r === SYSTEM))

describe('fuzzing every action', () => {
  test.each(targets.map((a) => [a.key, a] as const))('%s', async (_key, a) => {
    const openid = callerFor(a.spec.roles)
    const keys = requestKeys(a.spec.request)
    let n = 0
    await fc.assert(
      fc.asyncProperty(junkFor(keys), async (payload) => {
        await check(a.fn, a.name, openid, callBody(a.fn, a.name, payload, `fuzz-${a.name}-${++n}`))
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261201) },
    )
  })
})

describe('hostile bodies', () => {
  const sample = targets.filter((_a, i) => i % 5 === 0)

  test.each(sample.map((a) => [a.key, a] as const))('%s survives depth, size and prototype keys', async (_key, a) => {
    const openid = callerFor(a.spec.roles)
    const bodies = [
      `{"name":"${a.fn}","data":{"action":"${a.name}","payload":${nested(10_000)}}}`,
      `{"name":"${a.fn}","data":{"action":"${a.name}","payload":{"__proto__":{"role":"admin","ok":true},"constructor":{"prototype":{"x":1}}}}}`,
      `{"name":"${a.fn}","data":{"action":"${a.name}","payload":{"${requestKeys(a.spec.request)[0] ?? 'id'}":"${'字'.repeat(200_000)}"}}}`,
      `{"name":"${a.fn}","data":{"action":"${a.name}","payload":{},"requestId":{"$gt":""}}}`,
      `{"name":"${a.fn}","data":{"action":{"$ne":null},"payload":{}}}`,
    ]
    for (const body of bodies) await check(a.fn, a.name, openid, body)
  })

  test('the local cloud still answers after all of it', async () => {
    const answer = await gatewayRaw(t, IDENTITIES.resident, callBody('account', 'station', {}))
    expect(answer.result?.ok).toBe(true)
  })
})
