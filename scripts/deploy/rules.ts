// Syntax of CloudBase security rules: each operation is `true`, `false` or an expression string such as
// "doc._openid == auth.openid" (database) or "resource.openid == auth.openid" (storage). The expression grammar
// checked here is the documented one: literals, arrays, member access, calls (get()), !, comparisons, in, && and ||.

export type RuleKind = 'database' | 'storage'

/** Operations each kind accepts (docs: 数据库安全规则 read/write/create/update/delete; 存储安全规则 read/write). */
export const RULE_KEYS: Record<RuleKind, string[]> = {
  database: ['read', 'write', 'create', 'update', 'delete'],
  storage: ['read', 'write'],
}
/** Global names an expression may start from. */
export const RULE_GLOBALS: Record<RuleKind, string[]> = {
  database: ['auth', 'doc', 'request', 'now', 'get'],
  storage: ['auth', 'resource', 'request', 'now'],
}

type Token = { kind: 'name' | 'number' | 'string' | 'op' | 'end'; text: string; at: number }

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (/\s/.test(c)) {
      i++
      continue
    }
    const rest = src.slice(i)
    const name = /^[A-Za-z_$][\w$]*/.exec(rest)
    const num = /^\d+(\.\d+)?/.exec(rest)
    const op = /^(===|!==|==|!=|<=|>=|&&|\|\||[<>!.()[\],])/.exec(rest)
    if (name) {
      out.push({ kind: 'name', text: name[0], at: i })
      i += name[0].length
    } else if (num) {
      out.push({ kind: 'number', text: num[0], at: i })
      i += num[0].length
    } else if (c === "'" || c === '"') {
      let j = i + 1
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1
      if (j >= src.length) throw new Error(`unterminated string at ${i}`)
      out.push({ kind: 'string', text: src.slice(i, j + 1), at: i })
      i = j + 1
    } else if (op) {
      out.push({ kind: 'op', text: op[0], at: i })
      i += op[0].length
    } else throw new Error(`unexpected "${c}" at ${i}`)
  }
  out.push({ kind: 'end', text: '', at: src.length })
  return out
}

const BINARY: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '===': 3, '!==': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, in: 4 }

/** Throws with a position when `src` is not a rule expression over `globals`. */
export function parseRuleExpression(src: string, globals: string[]): void {
  const tokens = tokenize(src)
  let p = 0
  const peek = (): Token => tokens[p]
  const take = (text?: string): Token => {
    const t = tokens[p]
    if (text !== undefined && t.text !== text) throw new Error(`expected "${text}" at ${t.at}, found "${t.text || 'end'}"`)
    p++
    return t
  }
  const primary = (): void => {
    const t = take()
    if (t.kind === 'number' || t.kind === 'string') return
    if (t.kind === 'name') {
      if (['true', 'false', 'null'].includes(t.text)) return
      if (!globals.includes(t.text)) throw new Error(`unknown name "${t.text}" at ${t.at} (allowed: ${globals.join(', ')})`)
      for (;;) {
        if (peek().text === '.') {
          take('.')
          if (take().kind !== 'name') throw new Error(`expected a field name at ${tokens[p - 1].at}`)
        } else if (peek().text === '[') {
          take('[')
          expression(0)
          take(']')
        } else if (peek().text === '(') {
          take('(')
          if (peek().text !== ')') {
            expression(0)
            while (peek().text === ',') {
              take(',')
              expression(0)
            }
          }
          take(')')
        } else return
      }
    }
    if (t.text === '(') {
      expression(0)
      take(')')
      return
    }
    if (t.text === '!') return primary()
    if (t.text === '[') {
      if (peek().text !== ']') {
        expression(0)
        while (peek().text === ',') {
          take(',')
          expression(0)
        }
      }
      take(']')
      return
    }
    throw new Error(`unexpected "${t.text || 'end'}" at ${t.at}`)
  }
  const expression = (min: number): void => {
    primary()
    for (;;) {
      const prec = BINARY[peek().text]
      if (prec === undefined || prec < min) return
      take()
      expression(prec + 1)
    }
  }
  expression(0)
  if (peek().kind !== 'end') throw new Error(`unexpected "${peek().text}" at ${peek().at}`)
}

/** Problems in one rules object ({ read, write, ... }), one line each. */
export function ruleProblems(where: string, rules: unknown, kind: RuleKind): string[] {
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) return [`${where}: rules must be an object like { "read": false, "write": false }`]
  const problems: string[] = []
  const entries = Object.entries(rules as Record<string, unknown>)
  for (const key of ['read', 'write']) if (!(key in (rules as object))) problems.push(`${where}: rules.${key} is missing`)
  for (const [key, value] of entries) {
    if (!RULE_KEYS[kind].includes(key)) {
      problems.push(`${where}: rules.${key} is not a ${kind} rule operation (${RULE_KEYS[kind].join(', ')})`)
      continue
    }
    if (typeof value === 'boolean') continue
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`${where}: rules.${key} must be true, false or an expression string`)
      continue
    }
    try {
      parseRuleExpression(value, RULE_GLOBALS[kind])
    } catch (err) {
      problems.push(`${where}: rules.${key} "${value}": ${(err as Error).message}`)
    }
  }
  return problems
}
