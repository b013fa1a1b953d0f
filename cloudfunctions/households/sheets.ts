// Import and export of the station's household spreadsheet (Chinese headers, one row per person; an address without
// people is one row with the person columns empty). exceljs reads xlsx and csv; every row is checked before anything
// is written, and a commit writes all rows or none (a failure part-way removes what this import wrote).
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import * as v from 'valibot'
import type { ImportPreview, ImportResult, ImportRowError, ExportResult } from '@contract/households'
import { MOBILE_RE, day as dayField, personName, textOrEmpty } from '@contract/fields'
import {
  HOUSE_USE_LABELS,
  IMPORT_MAX_ROWS,
  PERSON_KIND_LABELS,
  REQUIRED_COLUMNS,
  SHEET_COLUMNS,
  halfWidth,
  houseUseOf,
  isAddressProblem,
  normaliseAddress,
  normaliseGroup,
  personKindOf,
  type HouseUse,
  type PersonKind,
  type SheetColumn,
} from '@domain/households'
import { maskIdNumber, maskPhone } from '@domain/privacy'
import { folderProblem, parseUploadFileId, type FolderGrant } from '@domain/uploads'
import { stationDay } from '@domain/station-time'
import { findById, findMany, insert, removeWhere, updateById } from '@server/db'
import { fail, type CallerContext, type Deps } from '@server/types'
import { HH_ADDRESSES, HH_EVENTS, HH_PEOPLE, UPLOAD_FOLDERS } from '@server/collections'
import { bumpGroup, newRecordId, writeTerms, type AddressDoc, type EventDoc, type PersonDoc, type StationInfo } from './store'

type Workbook = ExcelJS.Workbook
type Cell = string

// exceljs is declared in package.json: left out of the bundle and installed by CloudBase.
function newWorkbook(): Workbook {
  return new ExcelJS.Workbook()
}

const MAX_SHEET_BYTES = 10 * 1024 * 1024

/** The uploaded sheet's rows as text, header first. Only files in a folder `account.uploadPrefix` gave the caller. */
export async function readSheetFile(deps: Deps, ctx: CallerContext, fileId: string): Promise<Cell[][]> {
  const parsed = parseUploadFileId(fileId, deps.storage.env)
  if (!parsed.ok) fail('invalid_argument', '表格文件不是您刚上传的，请重新选择', 'fileId')
  const grant = await findById<FolderGrant & { _id: string }>(deps.db, UPLOAD_FOLDERS, parsed.folder)
  const problem = folderProblem(grant, ctx.openid, deps.now(), false)
  if (problem) fail('invalid_argument', problem === 'expired' ? '表格文件放得太久了，请重新上传' : '表格文件不是您刚上传的，请重新选择', 'fileId')
  const bytes = await deps.storage.download(fileId)
  if (!bytes || bytes.length === 0) fail('invalid_argument', '没找到表格文件，可能没传上去，请重新上传', 'fileId')
  if (bytes.length > MAX_SHEET_BYTES) fail('invalid_argument', '表格文件太大了（超过10MB），请分成几个文件导入', 'fileId')
  const wb = newWorkbook()
  const isXlsx = bytes[0] === 0x50 && bytes[1] === 0x4b
  try {
    if (isXlsx) await wb.xlsx.load(bytes as unknown as ArrayBuffer)
    else {
      const text = bytes.toString('utf8').replace(/^\ufeff/, '')
      await wb.csv.read(Readable.from([text]))
    }
  } catch {
    fail('invalid_argument', '这个文件打不开，请用Excel另存为 .xlsx 或 .csv（UTF-8）后再导入', 'fileId')
  }
  const ws = wb.worksheets[0]
  if (!ws) fail('invalid_argument', '表格里没有内容', 'fileId')
  const rows: Cell[][] = []
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: Cell[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const val = cell.value
      let s: string
      if (val instanceof Date) s = stationDay(val)
      else if (val && typeof val === 'object' && 'text' in val) s = String((val as { text: unknown }).text)
      else if (val && typeof val === 'object' && 'result' in val) s = String((val as { result: unknown }).result ?? '')
      else s = val === null || val === undefined ? '' : String(val)
      cells[col - 1] = s.trim()
    })
    rows[n - 1] = cells
  })
  return rows.map((r) => r ?? [])
}

interface RowIn {
  row: number
  villageId: string
  key: string
  address: ReturnType<typeof normaliseAddress>
  group: { name: string; order: number }
  use: HouseUse
  ownerName: string
  ownerPhone: string
  person: { name: string; phone: string; idNo: string; kind: PersonKind; relation: string; movedInDay: string } | null
}

const ownerSchema = textOrEmpty('房主', 20)
const relationSchema = textOrEmpty('与户主关系', 10)

export interface ImportOutcome {
  preview: ImportPreview
  result: ImportResult | null
}

export async function importSheet(deps: Deps, ctx: CallerContext, st: StationInfo, rows: Cell[][], commit: boolean): Promise<ImportOutcome> {
  const errors: ImportRowError[] = []
  const header = (rows[0] ?? []).map((h) => halfWidth(h ?? ''))
  const col = new Map<SheetColumn, number>()
  for (const c of SHEET_COLUMNS) {
    const i = header.indexOf(c)
    if (i >= 0) col.set(c, i)
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !col.has(c))
  const empty: ImportPreview = { rows: 0, addresses: 0, people: 0, errors, sample: [], ok: false }
  if (missing.length) {
    errors.push({ row: 1, column: missing[0], message: `第一行要有表头“${missing.join('、')}”，请用导出的表格做模板` })
    return { preview: empty, result: null }
  }
  const body = rows.slice(1).map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.some((c) => c))
  if (body.length > IMPORT_MAX_ROWS) {
    errors.push({ row: 1, column: '村', message: `一次最多导入${IMPORT_MAX_ROWS}行，请分成几个文件` })
    return { preview: { ...empty, rows: body.length }, result: null }
  }
  const villageByName = new Map([...st.villages].flatMap(([id, name]) => [[name, id], [id, id], [name.replace(/村$/, ''), id]] as [string, string][]))
  const parsed: RowIn[] = []
  for (const { cells, row } of body) {
    const get = (c: SheetColumn) => (col.has(c) ? (cells[col.get(c) as number] ?? '') : '')
    const err = (column: SheetColumn, message: string) => errors.push({ row, column, message })
    const before = errors.length
    const villageId = villageByName.get(halfWidth(get('村'))) ?? ''
    if (!villageId) err('村', `没有“${get('村')}”这个村，请写村的全名，如“平川村”`)
    const address = normaliseAddress({ villageId, group: get('社'), number: get('门牌号'), room: get('户室号') })
    if (isAddressProblem(address)) err(address.field === 'group' ? '社' : '门牌号', address.message)
    const use = houseUseOf(get('房屋用途'))
    if (!use) err('房屋用途', `房屋用途要写${Object.values(HOUSE_USE_LABELS).join('、')}中的一个`)
    const owner = v.safeParse(ownerSchema, get('房主'))
    if (!owner.success) err('房主', owner.issues[0].message)
    const ownerPhone = halfWidth(get('房主电话'))
    if (ownerPhone && !MOBILE_RE.test(ownerPhone)) err('房主电话', '房主电话要11位手机号，以1开头')
    let person: RowIn['person'] = null
    const name = get('姓名')
    if (name) {
      const n = v.safeParse(personName, name)
      if (!n.success) err('姓名', n.issues[0].message)
      const phone = halfWidth(get('电话'))
      if (phone && !MOBILE_RE.test(phone)) err('电话', '电话要11位手机号，以1开头')
      const idNo = halfWidth(get('身份证号')).toUpperCase()
      if (idNo && !/^\d{17}[\dX]$/.test(idNo)) err('身份证号', '身份证号要18位，最后一位可以是X')
      const kind = personKindOf(get('人员类别'))
      if (!kind) err('人员类别', `人员类别要写${Object.values(PERSON_KIND_LABELS).join('、')}中的一个`)
      const relation = v.safeParse(relationSchema, get('与户主关系'))
      if (!relation.success) err('与户主关系', relation.issues[0].message)
      const moved = halfWidth(get('搬来日期'))
      if (moved && !v.safeParse(dayField('搬来日期'), moved).success) err('搬来日期', '搬来日期要像 2025-06-10 这样')
      person = { name: n.success ? n.output : name, phone, idNo, kind: kind ?? 'permanent', relation: relation.success ? relation.output : '', movedInDay: moved || stationDay(deps.now()) }
    } else if (get('电话') || get('身份证号')) {
      err('姓名', '有电话或身份证号的行要填姓名')
    }
    if (errors.length > before || isAddressProblem(address)) continue
    parsed.push({ row, villageId, key: address.key, address, group: normaliseGroup(get('社')) ?? { name: address.group, order: 99 }, use: use ?? 'own', ownerName: owner.success ? owner.output : '', ownerPhone, person })
  }

  // One address per place: the rows of one address must agree on the house; a person appears once.
  const byKey = new Map<string, RowIn[]>()
  for (const r of parsed) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r])
  for (const group of byKey.values()) {
    const first = group[0]
    for (const r of group.slice(1)) {
      if (r.use !== first.use || r.ownerName !== first.ownerName) errors.push({ row: r.row, column: '房屋用途', message: `和第${first.row}行是同一个门牌号（一号多址），房屋用途和房主要写得一样` })
    }
    const names = new Map<string, number>()
    for (const r of group) {
      if (!r.person) continue
      const seen = names.get(r.person.name)
      if (seen) errors.push({ row: r.row, column: '姓名', message: `和第${seen}行是同一户的同一个人，请删掉一行` })
      else names.set(r.person.name, r.row)
    }
  }

  // Which addresses exist already (their people are added, their house is left as it is).
  const _ = deps.db.command
  const keys = [...byKey.keys()]
  const existing = new Map<string, AddressDoc>()
  for (let i = 0; i < keys.length; i += 100) {
    const found = await findMany<AddressDoc>(deps.db.collection(HH_ADDRESSES).where({ key: _.in(keys.slice(i, i + 100)) }).limit(100))
    for (const a of found) existing.set(a.key, a)
  }
  const existingPeople = new Map<string, Set<string>>()
  const existingIds = [...existing.values()].map((a) => a._id)
  for (let i = 0; i < existingIds.length; i += 50) {
    const people = await findMany<PersonDoc>(deps.db.collection(HH_PEOPLE).where({ addressId: _.in(existingIds.slice(i, i + 50)), movedOutDay: null }).limit(1000))
    for (const p of people) existingPeople.set(p.addressId, (existingPeople.get(p.addressId) ?? new Set()).add(p.name))
  }
  for (const [key, group] of byKey) {
    const a = existing.get(key)
    if (!a) continue
    for (const r of group) if (r.person && existingPeople.get(a._id)?.has(r.person.name)) errors.push({ row: r.row, column: '姓名', message: `${r.person.name}已经登记在这一户了，请删掉这一行` })
  }

  errors.sort((a, b) => a.row - b.row)
  const peopleCount = parsed.filter((r) => r.person).length
  const preview: ImportPreview = {
    rows: body.length,
    addresses: byKey.size,
    people: peopleCount,
    errors: errors.slice(0, 200),
    sample: [...byKey.values()].slice(0, 5).map((g) => {
      const a = g[0].address as Exclude<RowIn['address'], { message: string }>
      return { line: `${st.villages.get(a.villageId) ?? ''}${a.group}${a.number}号${a.room ? `${a.room}室` : ''}`, use: HOUSE_USE_LABELS[g[0].use], owner: g[0].ownerName, people: g.flatMap((r) => (r.person ? [r.person.name] : [])) }
    }),
    ok: errors.length === 0 && body.length > 0,
  }
  if (!commit || !preview.ok) return { preview, result: null }
  return { preview, result: await writeImport(deps, ctx, st, byKey, existing) }
}

async function writeImport(deps: Deps, ctx: CallerContext, st: StationInfo, byKey: Map<string, RowIn[]>, existing: Map<string, AddressDoc>): Promise<ImportResult> {
  const importId = newRecordId('im')
  const now = deps.now()
  const created: AddressDoc[] = []
  const people: PersonDoc[] = []
  for (const [key, group] of byKey) {
    const first = group[0]
    const a = first.address as Exclude<RowIn['address'], { message: string }>
    const current = existing.get(key)
    const addressId = current?._id ?? newRecordId('ad')
    const persons = group.flatMap((r) => (r.person ? [r.person] : []))
    if (!current) {
      created.push({
        _id: addressId,
        town: st.town,
        villageId: a.villageId,
        group: a.group,
        groupOrder: first.group.order,
        number: a.number,
        room: a.room,
        key,
        sortKey: a.sortKey,
        location: null,
        use: first.use,
        ownerName: first.ownerName,
        ownerPhone: first.ownerPhone,
        people: persons.length,
        plateId: null,
        lastVisitAt: null,
        lastVisitQuarter: '',
        warnings: [],
        importId,
        createdAt: now,
        updatedAt: now,
      })
    }
    for (const p of persons) {
      people.push({ _id: newRecordId('pp'), addressId, villageId: a.villageId, group: a.group, name: p.name, phone: p.phone, kind: p.kind, role: 'member', relation: p.relation, idNo: p.idNo, movedInDay: p.movedInDay, movedOutDay: null, focus: '', note: '', openid: null, landlordOpenid: null, importId, createdAt: now, updatedAt: now })
    }
  }
  const _ = deps.db.command
  try {
    for (let i = 0; i < created.length; i += 20) await Promise.all(created.slice(i, i + 20).map((d) => insert(deps.db, HH_ADDRESSES, d)))
    for (let i = 0; i < people.length; i += 20) await Promise.all(people.slice(i, i + 20).map((d) => insert(deps.db, HH_PEOPLE, d)))
  } catch (err) {
    // All or nothing: what this import wrote goes again.
    await removeWhere(deps.db.collection(HH_PEOPLE).where({ importId }))
    await removeWhere(deps.db.collection(HH_ADDRESSES).where({ importId }))
    deps.log('household import rolled back', { importId, error: err instanceof Error ? err.message : String(err) })
    fail('conflict', '导入时有地址刚被别人建好了，什么都没有导入。请重新预览后再导入')
  }
  // Counters, terms and events follow the documents (recomputable from them).
  const perGroup = new Map<string, { villageId: string; group: string; order: number; n: number }>()
  for (const a of created) {
    const k = `${a.villageId}|${a.group}`
    const g = perGroup.get(k) ?? { villageId: a.villageId, group: a.group, order: a.groupOrder, n: 0 }
    g.n++
    perGroup.set(k, g)
  }
  for (const g of perGroup.values()) await bumpGroup(deps.db, g.villageId, g.group, g.order, now, { households: g.n })
  const addedTo = new Map<string, number>()
  for (const p of people) if (![...created].some((a) => a._id === p.addressId)) addedTo.set(p.addressId, (addedTo.get(p.addressId) ?? 0) + 1)
  for (const [id, n] of addedTo) await updateById(deps.db, HH_ADDRESSES, id, { people: _.inc(n), updatedAt: now })
  const touched = [...created, ...[...existing.values()].filter((a) => addedTo.has(a._id))]
  for (let i = 0; i < touched.length; i += 20) {
    await Promise.all(
      touched.slice(i, i + 20).map(async (a) => {
        await writeTerms(deps.db, a)
        if (a.importId === importId) await insert<EventDoc>(deps.db, HH_EVENTS, { _id: newRecordId('ev'), addressId: a._id, at: now, kind: 'imported', by: ctx.openid, byName: ctx.user?.name ?? '', reason: '表格导入', changes: [] })
      }),
    )
  }
  return { addresses: created.length, people: people.length, updated: addedTo.size }
}

export async function exportSheet(deps: Deps, st: StationInfo, villageId: string, group: string | null, masked: boolean): Promise<ExportResult> {
  const _ = deps.db.command
  const wb = newWorkbook()
  const ws = wb.addWorksheet('一标三实')
  ws.addRow([...SHEET_COLUMNS])
  const villageName = st.villages.get(villageId) ?? villageId
  let cursor = ''
  let rows = 0
  for (;;) {
    const where: Record<string, unknown> = { villageId, ...(group ? { group } : {}), ...(cursor ? { sortKey: _.gt(cursor) } : {}) }
    const page = await findMany<AddressDoc>(deps.db.collection(HH_ADDRESSES).where(where).orderBy('sortKey', 'asc').limit(100))
    if (page.length === 0) break
    const people = await findMany<PersonDoc>(deps.db.collection(HH_PEOPLE).where({ addressId: _.in(page.map((a) => a._id)), movedOutDay: null }).limit(1000))
    for (const a of page) {
      const house = [villageName, a.group, `${a.number}号`, a.room, HOUSE_USE_LABELS[a.use], a.ownerName, masked ? maskPhone(a.ownerPhone) : a.ownerPhone]
      const here = people.filter((p) => p.addressId === a._id)
      if (here.length === 0) {
        ws.addRow([...house, '', '', '', '', '', ''])
        rows++
      }
      for (const p of here) {
        ws.addRow([...house, p.name, masked ? maskPhone(p.phone) : p.phone, masked ? maskIdNumber(p.idNo) : p.idNo, PERSON_KIND_LABELS[p.kind], p.relation, p.movedInDay])
        rows++
      }
    }
    cursor = page[page.length - 1].sortKey
    if (page.length < 100) break
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer())
  const fileId = await deps.storage.upload(`exports/households/${newRecordId('')}.xlsx`, buffer)
  const urls = await deps.storage.tempUrls([fileId])
  return { fileId, url: urls[fileId] ?? '', rows, masked }
}
