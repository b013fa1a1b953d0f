// Content security for the local cloud: a word list stands in for WeChat's models in `security.msgSecCheck`.
import fs from 'node:fs'

export type Suggest = 'pass' | 'review' | 'risky'

export interface SecWord {
  word: string
  suggest: Exclude<Suggest, 'pass'>
  /** WeChat's label: 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 21000 other. */
  label: number
}

export interface SecWordFile {
  _help?: string
  words: SecWord[]
}

/** Labels WeChat's v2 content check answers with. */
export const LABEL_NORMAL = 100

export const DEFAULT_SEC_WORDS: SecWordFile = {
  _help:
    'Local msgSecCheck word list. Each entry: word (matched case-insensitively, ignoring spaces and punctuation), ' +
    'suggest ("risky" or "review"), label (WeChat label: 10001 ad, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud). ' +
    'Edits apply on the next call.',
  words: [
    { word: '赌博', suggest: 'risky', label: 20006 },
    { word: '博彩', suggest: 'risky', label: 20006 },
    { word: '六合彩', suggest: 'risky', label: 20006 },
    { word: '枪支', suggest: 'risky', label: 20006 },
    { word: '炸药', suggest: 'risky', label: 20006 },
    { word: '毒品', suggest: 'risky', label: 20006 },
    { word: '冰毒', suggest: 'risky', label: 20006 },
    { word: '海洛因', suggest: 'risky', label: 20006 },
    { word: '迷药', suggest: 'risky', label: 20006 },
    { word: '洗钱', suggest: 'risky', label: 20006 },
    { word: '代开发票', suggest: 'risky', label: 20008 },
    { word: '刷单返利', suggest: 'risky', label: 20008 },
    { word: '信用卡套现', suggest: 'risky', label: 20008 },
    { word: '裸聊', suggest: 'risky', label: 20002 },
    { word: '刷单', suggest: 'review', label: 20008 },
    { word: '安全账户', suggest: 'review', label: 20008 },
    { word: '验证码', suggest: 'review', label: 20008 },
    { word: '中奖', suggest: 'review', label: 20008 },
    { word: '加微信', suggest: 'review', label: 10001 },
    { word: '无抵押贷款', suggest: 'review', label: 10001 },
    { word: '滚蛋', suggest: 'review', label: 20003 },
  ],
}

/** Lowercased, without whitespace, punctuation or zero-width characters, so `赌 博` and `赌-博` still match. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}\u200b-\u200f\ufeff]/gu, '')
}

export interface SecHit {
  word: string
  suggest: Exclude<Suggest, 'pass'>
  label: number
}

export interface SecVerdict {
  suggest: Suggest
  label: number
  hits: SecHit[]
}

export function judge(text: string, words: SecWord[]): SecVerdict {
  const haystack = normalize(text)
  const hits = words.filter((w) => {
    const needle = normalize(w.word)
    return needle !== '' && haystack.includes(needle)
  })
  const worst = hits.find((h) => h.suggest === 'risky') ?? hits.find((h) => h.suggest === 'review')
  return worst ? { suggest: worst.suggest, label: worst.label, hits } : { suggest: 'pass', label: LABEL_NORMAL, hits: [] }
}

/** Reads the word list, re-reading it when the file changes; a broken file is reported, not silently ignored. */
export function wordListLoader(file: string): () => SecWord[] {
  let cached: { mtimeMs: number; words: SecWord[] } | undefined
  return () => {
    const stat = fs.statSync(file)
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.words
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SecWordFile>
    if (!Array.isArray(parsed.words)) throw new Error(`${file}: "words" must be an array`)
    const words = parsed.words.filter(
      (w): w is SecWord =>
        typeof w?.word === 'string' && (w.suggest === 'risky' || w.suggest === 'review') && typeof w.label === 'number',
    )
    if (words.length !== parsed.words.length) throw new Error(`${file}: every entry needs word, suggest ("risky"|"review") and label`)
    cached = { mtimeMs: stat.mtimeMs, words }
    return words
  }
}
