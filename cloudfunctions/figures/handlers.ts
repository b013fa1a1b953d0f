// Actions of the `figures` function: validate the period and scope → read the sources → the view or the file.
import { createHash } from 'node:crypto'
import { toIso } from '@contract/core'
import type { ExportView } from '@contract/figures'
import { EXPORT_LABELS } from '@contract/figures'
import { isPeriodProblem, resolvePeriod, type Period } from '@domain/figures'
import { newId } from '@server/atomic'
import { findById, insert } from '@server/db'
import type { FunctionHandlers } from '@server/runtime'
import { fail, type CallerContext, type Deps } from '@server/types'
import { bookingsTable, fileOf, figuresTables, followupsTable, reportsTable, type ListScope } from './exports'
import type { SourceQuery } from './sources'
import { EXPORT_TTL_MS, FIGURE_EXPORTS, loadStaff, loadVillages, memoCounts, residentsByVillage, type ExportDoc, type Village } from './store'
import { figuresView } from './views'

interface ScopeInput {
  kind: 'month' | 'quarter' | 'year' | 'custom'
  from?: string
  to?: string
  villageId: string
  officer: string
}

interface Scope {
  period: Period
  villages: Village[]
  villageId: string | null
  officer: { id: string; name: string } | null
  staff: { id: string; name: string }[]
}

/** The period, the village and whose figures: an officer sees only their own, the 所长 anyone's or everyone's. */
async function scopeOf(deps: Deps, ctx: CallerContext, p: ScopeInput): Promise<Scope> {
  const now = deps.now()
  const period = resolvePeriod(p, now)
  if (isPeriodProblem(period)) fail('invalid_argument', period.message, period.field)
  const [villages, staff] = await Promise.all([loadVillages(deps), loadStaff(deps)])
  if (p.villageId && !villages.some((v) => v.id === p.villageId)) fail('invalid_argument', '没有这个村，请重新选择', 'villageId')
  let officer: Scope['officer'] = null
  if (ctx.role === 'admin') {
    if (p.officer) {
      const found = staff.find((s) => s.id === p.officer)
      if (!found) fail('invalid_argument', '没有这位民警，请重新选择', 'officer')
      officer = found
    }
  } else {
    if (p.officer && p.officer !== ctx.openid) fail('forbidden', '民警只能看自己经手的数字，全所的数字请所长查看')
    officer = { id: ctx.openid, name: ctx.user?.name ?? staff.find((s) => s.id === ctx.openid)?.name ?? '我' }
  }
  return { period, villages, villageId: p.villageId || null, officer, staff }
}

function sourceQuery(deps: Deps, s: Scope): SourceQuery {
  let residents: Promise<Record<string, number>> | undefined
  const memo = memoCounts(deps)
  const scopeKey = `v=${s.villageId ?? '*'}|o=${s.officer?.id ?? '*'}`
  return {
    count: (key, range, compute) => memo(`${key}|${scopeKey}|${range.from}|${range.to}`, range.end, compute),
    deps,
    period: s.period,
    villageId: s.villageId,
    officer: s.officer?.id ?? null,
    now: deps.now(),
    villages: s.villages,
    residents: () => (residents ??= residentsByVillage(deps, s.villages)),
  }
}

/** Export files live under a folder named by a hash of the owner, so the path tells an officer nothing. */
function exportPath(owner: string, id: string, ext: string): string {
  return `exports/${createHash('sha256').update(owner).digest('hex').slice(0, 16)}/${id}.${ext}`
}

async function exportView(deps: Deps, doc: ExportDoc): Promise<ExportView> {
  const urls = await deps.storage.tempUrls([doc.fileId])
  const url = urls[doc.fileId]
  if (!url) fail('not_found', '导出的文件找不到了，请重新导出')
  return { id: doc._id, fileName: doc.fileName, format: doc.format, rows: doc.rows, full: doc.full, url, expiresAt: toIso(doc.expiresAt) }
}

export const handlers: FunctionHandlers<'figures'> = {
  async 'figures.overview'(deps, ctx, p) {
    const s = await scopeOf(deps, ctx, p)
    return figuresView(sourceQuery(deps, s), { officer: s.officer, officers: ctx.role === 'admin' ? s.staff : [] })
  },

  async 'figures.export'(deps, ctx, p) {
    if (p.full && ctx.role !== 'admin') fail('forbidden', '完整电话号码只有所长可以导出，请导出隐去号码的版本')
    const s = await scopeOf(deps, ctx, p)
    const list: ListScope = { deps, period: s.period, villageId: s.villageId, officer: s.officer?.id ?? null, villages: s.villages, full: p.full }
    const tables =
      p.what === 'figures'
        ? figuresTables(await figuresView(sourceQuery(deps, s), { officer: s.officer, officers: [] }))
        : [p.what === 'reports' ? await reportsTable(list) : p.what === 'bookings' ? await bookingsTable(list) : await followupsTable(list)]
    const now = deps.now()
    const id = newId()
    const fileName = `${EXPORT_LABELS[p.what]}_${s.period.from}_${s.period.to}${p.full ? '_完整号码' : ''}.${p.format}`
    const fileId = await deps.storage.upload(exportPath(ctx.openid, id, p.format), await fileOf(tables, p.format))
    const doc: ExportDoc = {
      _id: id,
      owner: ctx.openid,
      fileId,
      fileName,
      format: p.format,
      what: p.what,
      rows: tables[0].rows.length,
      full: p.full,
      createdAt: now,
      expiresAt: new Date(now.getTime() + EXPORT_TTL_MS),
    }
    await insert(deps.db, FIGURE_EXPORTS, doc)
    if (p.full) await deps.audit({ actor: ctx.openid, action: 'figures.exportFull', target: id, detail: { what: p.what, from: s.period.from, to: s.period.to, villageId: s.villageId ?? '', rows: doc.rows } })
    return exportView(deps, doc)
  },

  async 'figures.download'(deps, ctx, p) {
    const doc = await findById<ExportDoc>(deps.db, FIGURE_EXPORTS, p.id)
    // Someone else's export answers as missing: its existence is not the caller's business.
    if (!doc || doc.owner !== ctx.openid) fail('not_found', '没有找到这个导出文件，请重新导出')
    if (new Date(doc.expiresAt).getTime() <= deps.now().getTime()) fail('expired', '导出的文件已过期，请重新导出')
    return exportView(deps, doc)
  },
}
