// CloudBase storage security rules (云存储安全规则), declared in `cloudfunctions/storage.json`:
//   { "read": <bool | expression>, "write": <bool | expression> }
// as documented for WeChat CloudBase (developers.weixin.qq.com … /wxcloud/guide/storage/security-rules, and
// docs.cloudbase.net/storage/security-rules): rules apply only to client requests (the mini-program, Web); the
// console and the server side (cloud functions) always read and write everything. `read` covers downloads,
// `write` covers upload, overwrite and delete. The context is `auth` (`null` when signed out; `auth.openid` for a
// WeChat user, `auth.uid` for other logins, `auth.loginType`) and `resource` (`resource.openid`: the file's
// creator). Creator-only write is `"resource.openid == auth.openid"`.
//
// This evaluator supports what those documents use: `true`/`false`, string literals, `null`, dotted names of
// `auth`, `resource` and `now`, `==`, `!=`, `&&`, `||`, `!` and parentheses. Anything else is refused when the rules
// are loaded, so a rule the local cloud cannot check fails loudly instead of being ignored.

export type RuleValue = boolean | string

export interface StorageRules {
  read: RuleValue
  write: RuleValue
}

export interface RuleContext {
  /** The signed-in client, or null for a signed-out one. */
  auth: { openid: string; uid: string; loginType: string } | null
  /** The file the operation touches; for a new upload, the file as it would be created (its creator = the uploader). */
  resource: { openid: string; path: string }
  now: number
}

/** CloudBase's basic permission when none is set: everyone reads, only the creator writes. */
export const DEFAULT_STORAGE_RULES: StorageRules = { read: true, write: 'resource.openid == auth.openid' }

type Token = { t: 'op'; v: string } | { t: 'str'; v: string } | { t: 'name'; v: string }

function tokenize(expr: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < expr.length) {
    const c = expr[i]
    if (/\s/.test(c)) {
      i++
      continue
    }
    const two = expr.slice(i, i + 2)
    if (two === '==' || two === '!=' || two === '&&' || two === '||') {
      out.push({ t: 'op', v: two })
      i += 2
      continue
    }
    if (c === '!' || c === '(' || c === ')') {
      out.push({ t: 'op', v: c })
      i++
      continue
    }
    if (c === "'" || c === '"') {
      const end = expr.indexOf(c, i + 1)
      if (end === -1) throw new Error(`unterminated string in ${JSON.stringify(expr)}`)
      out.push({ t: 'str', v: expr.slice(i + 1, end) })
      i = end + 1
      continue
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(expr.slice(i))
    if (!m) throw new Error(`unsupported syntax at ${JSON.stringify(expr.slice(i))} in ${JSON.stringify(expr)}`)
    out.push({ t: 'name', v: m[0] })
    i += m[0].length
  }
  return out
}

type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'ref'; path: string[] }
  | { k: 'not'; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }

const ROOTS = new Set(['auth', 'resource', 'now'])

/** Parses an expression; throws naming what is not supported. */
export function parseRule(expr: string): Node {
  const tokens = tokenize(expr)
  let pos = 0
  const peek = () => tokens[pos]
  const isOp = (v: string) => peek()?.t === 'op' && peek()?.v === v

  function primary(): Node {
    const tok = tokens[pos++]
    if (!tok) throw new Error(`unexpected end of ${JSON.stringify(expr)}`)
    if (tok.t === 'str') return { k: 'lit', v: tok.v }
    if (tok.t === 'op' && tok.v === '(') {
      const inner = or()
      if (!isOp(')')) throw new Error(`missing ) in ${JSON.stringify(expr)}`)
      pos++
      return inner
    }
    if (tok.t === 'op' && tok.v === '!') return { k: 'not', a: primary() }
    if (tok.t === 'name') {
      if (tok.v === 'true') return { k: 'lit', v: true }
      if (tok.v === 'false') return { k: 'lit', v: false }
      if (tok.v === 'null') return { k: 'lit', v: null }
      const path = tok.v.split('.')
      if (!ROOTS.has(path[0])) throw new Error(`unknown name ${tok.v} in ${JSON.stringify(expr)} (supported: auth, resource, now)`)
      return { k: 'ref', path }
    }
    throw new Error(`unexpected ${tok.v} in ${JSON.stringify(expr)}`)
  }
  function cmp(): Node {
    let a = primary()
    while (isOp('==') || isOp('!=')) {
      const op = (tokens[pos++] as Token).v
      a = { k: 'bin', op, a, b: primary() }
    }
    return a
  }
  function and(): Node {
    let a = cmp()
    while (isOp('&&')) {
      pos++
      a = { k: 'bin', op: '&&', a, b: cmp() }
    }
    return a
  }
  function or(): Node {
    let a = and()
    while (isOp('||')) {
      pos++
      a = { k: 'bin', op: '||', a, b: and() }
    }
    return a
  }
  const node = or()
  if (pos !== tokens.length) throw new Error(`unexpected ${tokens[pos].v} in ${JSON.stringify(expr)}`)
  return node
}

function evaluate(node: Node, ctx: RuleContext): unknown {
  switch (node.k) {
    case 'lit':
      return node.v
    case 'ref': {
      let v: unknown = ctx
      for (const key of node.path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined
      return v
    }
    case 'not':
      return !evaluate(node.a, ctx)
    case 'bin': {
      if (node.op === '&&') return Boolean(evaluate(node.a, ctx)) && Boolean(evaluate(node.b, ctx))
      if (node.op === '||') return Boolean(evaluate(node.a, ctx)) || Boolean(evaluate(node.b, ctx))
      const a = evaluate(node.a, ctx)
      const b = evaluate(node.b, ctx)
      // `null` and a missing field compare equal, as `auth != null` expects.
      const eq = a === b || (a == null && b == null)
      return node.op === '==' ? eq : !eq
    }
  }
}

export interface CompiledRules {
  allows(op: 'read' | 'write', ctx: RuleContext): boolean
}

/** Checks and compiles `{ read, write }`; throws naming the problem (a missing key, an unsupported expression). */
export function compileStorageRules(rules: unknown): CompiledRules {
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) throw new Error('storage rules must be an object { "read": ..., "write": ... }')
  const r = rules as Record<string, unknown>
  const compiled = {} as Record<'read' | 'write', (ctx: RuleContext) => boolean>
  for (const op of ['read', 'write'] as const) {
    const rule = r[op]
    if (typeof rule === 'boolean') compiled[op] = () => rule
    else if (typeof rule === 'string') {
      const node = parseRule(rule)
      compiled[op] = (ctx) => evaluate(node, ctx) === true
    } else throw new Error(`storage rule "${op}" must be true, false or an expression string`)
  }
  return { allows: (op, ctx) => compiled[op](ctx) }
}
