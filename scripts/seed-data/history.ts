// The demo station's past, so the figures page has something to compare with (同比 needs last year): from 1 January
// of last year up to a few weeks ago, reports, bookings, errands, home visits, alerts with their read marks, and the
// 回访 answers and tasks that followed. Every record is finished (closed, served, expired), belongs to people who are
// not seeded users (names and phones are in the records), and is older than the hand-made demo records, so the
// officers' queues and the villagers' own lists look as before. Deterministic: a function of `now` only.
import { caseNumber, type ReportStatus } from '@domain/reports'
import { addDays, stationDay, stationInstant, stationTime } from '@domain/station-time'
import { audienceOf, createdKeyOf, feedKeyOf, readMarkId } from '@domain/alerts'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import { SEED_USERS, VILLAGES } from './account'
import { SEED_SERVICES } from './services'
import type { SeedDoc, SeedModule } from './index'

dayjs.extend(utc)
dayjs.extend(timezone)

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Reports and alerts end this long ago: newer ones would push the demo records down the officers' lists. */
export const HISTORY_RECENT_GAP_DAYS = 28
/** Bookings, errands, visits and their 回访 end this long ago (past every edit window). */
export const HISTORY_SERVICE_GAP_DAYS = 10

const OFFICERS = [
  { id: 'dev-officer', name: '王警官' },
  { id: 'dev-officer-2', name: '赵警官' },
] as const
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱']
const GIVEN = ['桂兰', '建国', '秀英', '志强', '玉梅', '德福', '红霞', '长林', '淑珍', '国庆', '春花', '永福']

/** A cheap deterministic scramble. */
export function mix(i: number): number {
  let x = (i + 0x9e3779b9) | 0
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]
const person = (i: number) => ({
  openid: `seed-hist-${String(i % 400).padStart(3, '0')}`,
  name: `${pick(SURNAMES, mix(i))}${pick(GIVEN, mix(i) >>> 7)}`,
  phone: `135${String(10_000_000 + (i % 400) * 7919).slice(-8)}`,
})

/** The first history day: 1 January of last year, station time. */
export function historyStart(now: Date): string {
  return dayjs(now).tz('Asia/Shanghai').subtract(1, 'year').startOf('year').format('YYYY-MM-DD')
}

/** Days from the first history day up to `gap` days before today, oldest first. */
function historyDays(now: Date, gap: number): string[] {
  const out: string[] = []
  const last = addDays(stationDay(now), -gap)
  for (let d = historyStart(now); d <= last; d = addDays(d, 1)) out.push(d)
  return out
}

const REPORT_CLOSED: readonly ReportStatus[] = ['resolved', 'resolved', 'resolved', 'resolved', 'rejected', 'transferred', 'withdrawn']
const ANSWERS = ['satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied', 'basic', 'satisfied', 'basic', 'satisfied', 'unsatisfied'] as const

interface Survey {
  kind: 'booking' | 'errand' | 'home_visit' | 'report'
  recordId: string
  owner: string
  anonymous: boolean
  villageId: string
  title: string
  openedAt: Date
  seq: number
}

function followUp(s: Survey): { survey: SeedDoc; task: SeedDoc | null } | null {
  const r = mix(s.seq * 31 + 7) % 100
  // About six in ten answer; the rest lapse unanswered.
  if (r >= 60) return null
  const answer = ANSWERS[r % ANSWERS.length]
  const answeredAt = new Date(s.openedAt.getTime() + (1 + (r % 3)) * DAY)
  const id = `${s.kind}-${s.recordId}-${s.kind === 'report' ? 'closed' : 'done'}`
  const via = r % 5 === 0 ? 'phone' : 'app'
  const taskId = answer === 'unsatisfied' ? `task-${id}` : null
  const survey: SeedDoc = {
    _id: id,
    kind: s.kind,
    recordId: s.recordId,
    stage: s.kind === 'report' ? 'closed' : 'done',
    side: null,
    owner: s.owner,
    anonymous: s.anonymous,
    villageId: s.villageId,
    title: s.title,
    openedAt: s.openedAt,
    openedKey: s.openedAt.toISOString(),
    answer,
    words: answer === 'unsatisfied' ? '跑了两趟才办成，希望提前说清楚要带的材料' : '',
    attempts: s.kind === 'report' ? null : answer === 'unsatisfied' ? 2 : 1,
    via,
    recordedBy: via === 'phone' ? { openid: OFFICERS[0].id, name: OFFICERS[0].name } : null,
    answeredAt,
    answerKey: answeredAt.toISOString(),
    editableUntil: new Date(answeredAt.getTime() + 3 * DAY),
    revisedAt: null,
    taskId,
    legacyScore: null,
    notified: false,
    createdAt: s.openedAt,
    updatedAt: answeredAt,
  }
  const closedAt = new Date(answeredAt.getTime() + 2 * DAY)
  const task: SeedDoc | null = taskId
    ? {
        _id: taskId,
        surveyId: id,
        kind: s.kind,
        recordId: s.recordId,
        stage: survey.stage,
        villageId: s.villageId,
        title: s.title,
        anonymous: s.anonymous,
        status: 'closed',
        openedAt: answeredAt,
        openedKey: answeredAt.toISOString(),
        closedAt,
        closedBy: { openid: 'dev-admin', name: '李所长' },
        note: '已电话联系本人说明情况，并在窗口张贴了办事须知',
        createdAt: answeredAt,
        updatedAt: closedAt,
      }
    : null
  return { survey, task }
}

export const seed: SeedModule = ({ now }) => {
  const reports: SeedDoc[] = []
  const bookings: SeedDoc[] = []
  const errands: SeedDoc[] = []
  const visits: SeedDoc[] = []
  const alerts: SeedDoc[] = []
  const reads: SeedDoc[] = []
  const surveys: Survey[] = []
  let seq = 0

  // Reports: about one a day, more thefts in autumn, more fake pesticide in spring.
  for (const [d, day] of historyDays(now, HISTORY_RECENT_GAP_DAYS).entries()) {
    const month = Number(day.slice(5, 7))
    const r = mix(d) % 100
    const perDay = r < 25 ? 0 : r < 85 ? 1 : 2
    for (let k = 0; k < perDay; k++) {
      const i = d * 3 + k
      const type = (month >= 3 && month <= 6 ? mix(i) % 3 !== 0 : mix(i) % 3 === 0) ? 'fake_pesticide' : 'theft'
      const at = stationInstant(day, `${String(8 + (mix(i) % 10)).padStart(2, '0')}:${String(mix(i) % 60).padStart(2, '0')}`)
      const status = pick(REPORT_CLOSED, mix(i + 1))
      const villageId = pick(VILLAGES, mix(i + 2)).id
      const officer = pick(OFFICERS, mix(i + 3))
      const who = person(i)
      const anonymous = mix(i + 4) % 5 === 0
      const acceptedAt = status === 'withdrawn' && mix(i) % 2 === 0 ? null : new Date(at.getTime() + (1 + (mix(i + 5) % 30)) * HOUR)
      const closedAt = new Date((acceptedAt ?? at).getTime() + (1 + (mix(i + 6) % 9)) * DAY)
      const title = type === 'theft' ? '被盗：电动车电瓶' : '假农药：丰收宝 草甘膦'
      // 9000+: clear of the demo reports (0001…) and the benchmark's history (0100–5099) on the same days.
      const id = caseNumber(at, 9000 + k)
      reports.push({
        _id: id,
        type,
        status,
        reporter: who.openid,
        anonymous,
        contact: anonymous ? null : { name: who.name, phone: who.phone },
        villageId,
        ...(type === 'theft'
          ? { theft: { items: [{ name: '电动车电瓶', value: 450 }], from: new Date(at.getTime() - 12 * HOUR), to: new Date(at.getTime() - HOUR), place: `${villageId}村口` } }
          : { pesticide: { product: '草甘膦', brand: '丰收宝', shop: '流动商贩（开白色面包车）', boughtAt: new Date(at.getTime() - 20 * DAY), crop: '玉米', damage: '打了三天草还是绿的' } }),
        photos: [],
        contentFlag: 'pass',
        clusterKey: null,
        clusterLabel: null,
        assignee: acceptedAt ? officer.id : null,
        assigneeName: acceptedAt ? officer.name : null,
        transferredTo: status === 'transferred' ? (type === 'theft' ? '县公安局刑侦大队' : '农业农村局') : null,
        result: status === 'resolved' ? '已查明处理' : status === 'rejected' ? '不属于公安管辖，已告知' : null,
        timeline: [
          { at, actor: { kind: 'reporter', id: anonymous ? '' : who.openid }, action: 'create', status: 'submitted', note: '', public: true },
          ...(acceptedAt ? [{ at: acceptedAt, actor: { kind: 'officer', ...officer }, action: 'accept', status: 'accepted', note: '', public: true }] : []),
          { at: closedAt, actor: { kind: acceptedAt ? 'officer' : 'reporter', id: acceptedAt ? officer.id : who.openid }, action: status, status, note: '', public: true },
        ],
        createdAt: at,
        updatedAt: closedAt,
        acceptedAt,
        closedAt,
      })
      if (status === 'resolved' || status === 'rejected') {
        surveys.push({ kind: 'report', recordId: id, owner: who.openid, anonymous, villageId, title, openedAt: closedAt, seq: seq++ })
      }
    }
  }

  // Bookings: two to five a working day, a few at noon / in the evening (错时延时); errands and home visits weekly.
  const bookingServices = SEED_SERVICES.filter((s) => s.kinds.includes('booking'))
  for (const [d, day] of historyDays(now, HISTORY_SERVICE_GAP_DAYS).entries()) {
    const weekday = dayjs.tz(day, 'Asia/Shanghai').day()
    const perDay = weekday === 0 || weekday === 6 ? mix(d) % 2 : 2 + (mix(d) % 4)
    for (let k = 0; k < perDay; k++) {
      const i = d * 7 + k
      const r = mix(i + 11) % 100
      const afterHours = weekday === 0 || weekday === 6 ? 'weekend' : r < 10 ? 'noon' : r < 18 ? 'evening' : null
      const time = afterHours === 'noon' ? '12:30' : afterHours === 'evening' ? '18:30' : pick(['08:30', '09:30', '10:30', '15:00', '16:00'], mix(i))
      const start = stationInstant(day, time)
      const end = new Date(start.getTime() + 30 * 60_000)
      const made = new Date(start.getTime() - (1 + (mix(i) % 4)) * DAY)
      const status = r < 78 ? 'completed' : r < 90 ? 'cancelled' : 'no_show'
      const service = pick(bookingServices, mix(i + 12))
      const who = person(i + 5000)
      const bookerVillage = pick(VILLAGES, mix(i + 14)).id
      const id = `bk-hist-${day.replace(/-/g, '')}-${k}`
      const timeline: SeedDoc['timeline'] = [
        { at: made, from: null, to: 'booked', actor: 'resident', by: who.openid },
        ...(status === 'completed'
          ? [
              { at: new Date(start.getTime() - 5 * 60_000), from: 'booked', to: 'checked_in', actor: 'officer', by: 'dev-officer' },
              { at: new Date(start.getTime() + 20 * 60_000), from: 'checked_in', to: 'completed', actor: 'officer', by: 'dev-officer' },
            ]
          : status === 'cancelled'
            ? [{ at: new Date(start.getTime() - DAY), from: 'booked', to: 'cancelled', actor: 'resident', by: who.openid, note: '家里有事' }]
            : [{ at: new Date(start.getTime() + DAY), from: 'booked', to: 'no_show', actor: 'system', by: 'cron', note: '预约当天没有到场' }]),
      ]
      bookings.push({
        _id: id,
        openid: who.openid,
        serviceId: service.id,
        serviceName: service.name,
        name: who.name,
        phone: who.phone,
        villageId: bookerVillage,
        status,
        slotKey: `${day}T${time}`,
        day,
        time,
        endTime: stationTime(end),
        start,
        end,
        afterHours,
        code: (mix(i + 13) % 2_000_000_000).toString(36).toUpperCase().padStart(6, 'X').slice(-6),
        reminded: true,
        timeline,
        rating: null,
        createdAt: made,
        createdKey: made.toISOString(),
        updatedAt: new Date(start.getTime() + DAY),
      })
      if (status === 'completed') surveys.push({ kind: 'booking', recordId: id, owner: who.openid, anonymous: false, villageId: bookerVillage, title: service.name, openedAt: end, seq: seq++ })
    }
    if (weekday === 3) {
      const i = d
      const who = person(i + 9000)
      const villageId = pick(VILLAGES, mix(i + 21)).id
      const made = stationInstant(day, '09:00')
      const doneAt = new Date(made.getTime() + 3 * DAY)
      const errandId = `er-hist-${day.replace(/-/g, '')}`
      const errandDone = mix(i + 22) % 10 < 8
      const errandService = SEED_SERVICES.find((s) => s.kinds.includes('errand')) ?? SEED_SERVICES[0]
      errands.push({
        _id: errandId,
        openid: who.openid,
        serviceId: errandService.id,
        serviceName: errandService.name,
        name: who.name,
        phone: who.phone,
        villageId,
        status: errandDone ? 'completed' : 'rejected',
        materials: [],
        photos: [],
        handover: 'pickup',
        address: '',
        note: '',
        reason: errandDone ? '' : '材料不全，请补齐后再申请',
        timeline: [{ at: made, from: null, to: 'submitted', actor: 'resident', by: who.openid }, { at: doneAt, from: 'ready', to: errandDone ? 'completed' : 'rejected', actor: 'officer', by: 'dev-officer' }],
        rating: null,
        createdAt: made,
        createdKey: made.toISOString(),
        updatedAt: doneAt,
      })
      if (errandDone) surveys.push({ kind: 'errand', recordId: errandId, owner: who.openid, anonymous: false, villageId, title: errandService.name, openedAt: doneAt, seq: seq++ })
      const officer = pick(OFFICERS, mix(i + 23))
      const visitId = `dv-hist-${day.replace(/-/g, '')}`
      const vStart = stationInstant(day, '15:00')
      const visitDone = mix(i + 24) % 10 < 9
      visits.push({
        _id: visitId,
        openid: who.openid,
        serviceId: 'idcard',
        serviceName: '身份证办理',
        name: who.name,
        phone: who.phone,
        status: visitDone ? 'completed' : 'no_show',
        reason: '老人行动不便，上门采集身份证照片',
        basis: 'elderly',
        age: 78,
        villageId,
        address: `${VILLAGES.find((v) => v.id === villageId)?.name ?? ''}${(mix(i) % 9) + 1}社`,
        location: null,
        preferredDays: [day],
        officer: officer.id,
        officerName: officer.name,
        day,
        start: vStart,
        end: new Date(vStart.getTime() + HOUR),
        reminded: true,
        timeline: [{ at: new Date(vStart.getTime() - 3 * DAY), from: null, to: 'requested', actor: 'resident', by: who.openid }, { at: new Date(vStart.getTime() + HOUR), from: 'confirmed', to: visitDone ? 'completed' : 'no_show', actor: 'officer', by: officer.id }],
        rating: null,
        createdAt: new Date(vStart.getTime() - 3 * DAY),
        createdKey: new Date(vStart.getTime() - 3 * DAY).toISOString(),
        updatedAt: new Date(vStart.getTime() + HOUR),
      })
      if (visitDone) surveys.push({ kind: 'home_visit', recordId: visitId, owner: who.openid, anonymous: false, villageId, title: '身份证办理（上门）', openedAt: new Date(vStart.getTime() + HOUR), seq: seq++ })
    }
  }

  // Alerts: one a week, expired long ago; the seeded residents read some (read marks and counters agree).
  const residents = SEED_USERS.filter((u) => u.role === 'resident')
  const TITLES = ['冒充客服退款诈骗', '假农药流动商贩又出现了', '夜间看好电动车和电瓶', '冒充公检法电话诈骗', '秋收时节防盗羊防盗粮']
  for (const [d, day] of historyDays(now, HISTORY_RECENT_GAP_DAYS + 2).entries()) {
    if (dayjs.tz(day, 'Asia/Shanghai').day() !== 1) continue
    const j = d
    const publishedAt = stationInstant(day, '09:00')
    const createdAt = new Date(publishedAt.getTime() - HOUR)
    const id = `al-hist-${day.replace(/-/g, '')}`
    const target: string[] | 'all' = mix(j) % 3 === 0 ? [pick(VILLAGES, mix(j + 1)).id, pick(VILLAGES, mix(j + 2)).id].filter((v, k, a) => a.indexOf(v) === k) : 'all'
    const audience = audienceOf(target)
    const byVillage: Record<string, { read: number; acked: number }> = {}
    let read = 0
    let acked = 0
    for (const [k, u] of residents.entries()) {
      if (target !== 'all' && !target.includes(u.villageId)) continue
      if (mix(j * 17 + k) % 100 >= 55) continue
      const readAt = new Date(publishedAt.getTime() + (1 + k) * HOUR)
      const isAcked = mix(j * 19 + k) % 2 === 0
      reads.push({ _id: readMarkId(id, u.id), alertId: id, openid: u.id, villageId: u.villageId, revision: 1, readAt, acked: isAcked, ackedAt: isAcked ? readAt : null, counted: true })
      const v = (byVillage[u.villageId] ??= { read: 0, acked: 0 })
      v.read++
      read++
      if (isAcked) {
        v.acked++
        acked++
      }
    }
    const severity = mix(j + 3) % 4 === 0 ? ('severe' as const) : ('moderate' as const)
    const title = pick(TITLES, mix(j + 4))
    alerts.push({
      _id: id,
      title,
      body: `${title}。请各位村民相互转告，家里有老人的多提醒几遍。`,
      category: title.includes('诈骗') ? 'fraud' : 'safety',
      severity,
      target,
      advice: ['拿不准就打110问'],
      images: [],
      effectiveAt: publishedAt,
      expiresAt: new Date(publishedAt.getTime() + 7 * DAY),
      pinned: false,
      status: 'active',
      revision: 1,
      audience,
      feedKey: feedKeyOf({ _id: id, pinned: false, severity, publishedAt }),
      createdKey: createdKeyOf({ _id: id, createdAt }),
      history: [
        { kind: 'created', at: createdAt, by: 'dev-officer', revision: 0 },
        { kind: 'published', at: publishedAt, by: 'dev-officer', revision: 1 },
      ],
      counters: { read, acked, byVillage },
      createdBy: pick(OFFICERS, mix(j + 5)).id,
      createdAt,
      updatedAt: publishedAt,
      publishedAt,
      cancelledAt: null,
      cancelReason: null,
    })
  }

  const followups: SeedDoc[] = []
  const tasks: SeedDoc[] = []
  for (const s of surveys) {
    const f = followUp(s)
    if (!f) continue
    followups.push(f.survey)
    if (f.task) tasks.push(f.task)
  }
  // The figures' remembered counts and exports belong to the data they were made from: a new seed starts them afresh.
  return { reports, bookings, errands, home_visits: visits, alerts, alert_reads: reads, followups, followup_tasks: tasks, figure_memo: [], figure_exports: [] }
}
