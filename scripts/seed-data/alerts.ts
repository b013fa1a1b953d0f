// Demo alerts of 平川派出所: live fraud and safety warnings, one sent to a 社, one expired, one cancelled, one draft; dates relative to `now`.
import {
  audienceOf,
  countMarks,
  createdKeyOf,
  feedKeyOf,
  groupKey,
  readMarkId,
  type AlertCategory,
  type AlertDoc,
  type AlertSeverity,
  type AlertStatus,
  type AlertTarget,
  type HistoryEntry,
} from '@domain/alerts'
import type { SeedDoc, SeedModule } from './index'

const HOUR = 3600_000
const DAY = 24 * HOUR
const OFFICER = 'dev-officer'

interface SeedAlert {
  id: string
  title: string
  body: string
  category: AlertCategory
  severity: AlertSeverity
  target: AlertTarget
  advice: string[]
  pinned?: boolean
  status: AlertStatus
  /** Relative to now, in ms: when it was published (or created, for a draft). */
  publishedAgo: number
  /** Relative to now, in ms (negative: already past). */
  expiresIn: number
  history?: (at: Date) => HistoryEntry[]
  cancelReason?: string
}

const ALERTS: readonly SeedAlert[] = [
  {
    id: 'seed-alert-gongjianfa',
    title: '警惕冒充公检法电话诈骗',
    body:
      '近期我县接连发生冒充公安局、检察院、法院工作人员打电话的诈骗。骗子说您的身份证被人冒用、银行卡涉嫌洗钱，要“配合调查”，' +
      '让您把钱转到“安全账户”，还不让您告诉家里人。\n公安机关不会在电话里办案，更没有“安全账户”。接到这样的电话，请马上挂断，打110或到派出所问一问。',
    category: 'fraud',
    severity: 'severe',
    target: 'all',
    advice: ['公检法不会打电话让您转账', '没有“安全账户”这回事', '不要把验证码告诉任何人', '拿不准就挂电话，打110问'],
    pinned: true,
    status: 'active',
    publishedAgo: 3 * HOUR,
    expiresIn: 30 * DAY,
  },
  {
    id: 'seed-alert-shuadan',
    title: '刷单返利是诈骗，别信“动动手指就赚钱”',
    body:
      '有人在微信群、QQ群里招“兼职刷单”，说点赞、下单就能返佣金。开始给您返几块钱，让您相信，后面让您垫付的钱越来越多，最后一分也拿不回来。\n' +
      '所有刷单都是诈骗。家里有学生和在家带孩子的年轻人，请提醒他们。',
    category: 'fraud',
    severity: 'moderate',
    target: 'all',
    advice: ['刷单本身就违法，所有刷单都是诈骗', '先让您垫钱的兼职一律不做', '被骗后马上打110，保留聊天记录和转账记录'],
    status: 'active',
    publishedAgo: 2 * DAY,
    expiresIn: 20 * DAY,
  },
  {
    id: 'seed-alert-jianongyao',
    title: '警惕流动商贩兜售假农药',
    body:
      '最近有开着面包车的流动商贩到村里卖“特效农药”“进口化肥”，价格比农资店便宜很多。经检测，有的是假药，打了没用还会伤苗。\n' +
      '请到有营业执照的农资店购买，要发票或收据。发现可疑的车和人，记下车牌号，告诉村干部或派出所。',
    category: 'safety',
    severity: 'severe',
    target: ['pingchuan', 'wulidun', 'sanyi'],
    advice: ['到正规农资店买农药化肥', '买了要发票或收据，保留包装袋', '看到可疑商贩，记下车牌号报给派出所'],
    status: 'active',
    publishedAgo: 1 * DAY + 5 * HOUR,
    expiresIn: 14 * DAY,
    history: (at) => [
      {
        kind: 'updated',
        at,
        by: OFFICER,
        revision: 2,
        reason: '三一村也发现了同样的商贩',
        changes: [{ field: 'target', label: '发送范围', before: '平川村、五里墩村', after: '平川村、五里墩村、三一村' }],
      },
    ],
  },
  {
    id: 'seed-alert-fangnishui',
    title: '夏季防溺水，看好家里的孩子',
    body:
      '天热了，孩子们爱去水渠、河边、涝池玩水。每年夏天都有孩子溺水的悲剧。\n' +
      '请家长看好孩子，不要让孩子单独或结伴去水边。发现有人落水，要大声呼救、打110和120，不要手拉手下水救人。',
    category: 'safety',
    severity: 'moderate',
    target: 'all',
    advice: ['不私自下水游泳', '不在没有大人陪的时候去水边', '不到不熟悉的水域玩', '遇到有人落水，喊大人、打电话，不盲目下水'],
    status: 'active',
    publishedAgo: 5 * DAY,
    expiresIn: 60 * DAY,
  },
  // Sent to one 社: only villagers whose household an officer confirmed there see it (张桂兰, 平川村三社12号).
  {
    id: 'seed-alert-sanshe-dianping',
    title: '三社近期有人偷电动车电瓶',
    body:
      '这几天三社接连有村民反映，夜里停在院子里的电动车电瓶被人拆走了。派出所已经在查，晚上会加强巡逻。\n' +
      '请大家晚上把电动车推进屋里或锁好院门，看到半夜在村里转悠的陌生人和车辆，记下车牌号，打派出所电话。',
    category: 'case',
    severity: 'minor',
    target: [groupKey('pingchuan', '三社')],
    advice: ['晚上把电动车推进屋里', '锁好院门', '看到可疑的人和车，记下车牌号告诉派出所'],
    status: 'active',
    publishedAgo: 8 * HOUR,
    expiresIn: 14 * DAY,
  },
  {
    id: 'seed-alert-yanhua',
    title: '春节燃放烟花爆竹注意安全',
    body: '燃放烟花爆竹请到空旷地方，远离柴草垛和房屋，不要让小孩单独燃放。',
    category: 'safety',
    severity: 'minor',
    target: 'all',
    advice: ['远离柴草垛', '大人陪着小孩放'],
    status: 'active',
    publishedAgo: 40 * DAY,
    expiresIn: -10 * DAY,
  },
  {
    id: 'seed-alert-tingshui',
    title: '芦湾村周六停水检修',
    body: '芦湾村自来水管道检修，本周六上午8点到下午5点停水，请提前储水。',
    category: 'service',
    severity: 'minor',
    target: ['luwan'],
    advice: ['提前储水'],
    status: 'cancelled',
    publishedAgo: 3 * DAY,
    expiresIn: 4 * DAY,
    cancelReason: '检修改期，另行通知',
  },
  {
    id: 'seed-alert-yanglao-draft',
    title: '警惕“养老保险补缴”骗局',
    body: '有人冒充社保工作人员，说可以帮老人补缴养老保险、提高养老金，收取“手续费”。（草稿，待核实后发布）',
    category: 'fraud',
    severity: 'severe',
    target: 'all',
    advice: ['社保业务到乡镇社保所办理'],
    status: 'draft',
    publishedAgo: 2 * HOUR,
    expiresIn: 30 * DAY,
  },
]

/** Read marks so the demo stats are not empty; residents 1 and 2 stay unread for the tests and the tour. */
const MARKS: readonly { alertId: string; openid: string; villageId: string; acked: boolean; revision: number }[] = [
  { alertId: 'seed-alert-gongjianfa', openid: 'dev-resident-9', villageId: 'pingchuan', acked: true, revision: 1 },
  { alertId: 'seed-alert-gongjianfa', openid: 'dev-resident-3', villageId: 'wulidun', acked: false, revision: 1 },
  { alertId: 'seed-alert-jianongyao', openid: 'dev-resident-3', villageId: 'wulidun', acked: true, revision: 1 },
]

export const seed: SeedModule = ({ now }) => {
  const at = (offset: number) => new Date(now.getTime() + offset)
  const alerts: SeedDoc[] = ALERTS.map((a) => {
    const published = at(-a.publishedAgo)
    const createdAt = at(-a.publishedAgo - HOUR)
    const draft = a.status === 'draft'
    const publishedAt = draft ? null : published
    const updates = a.history?.(at(-a.publishedAgo + 6 * HOUR)) ?? []
    const history: HistoryEntry[] = [
      { kind: 'created', at: createdAt, by: OFFICER, revision: 0 },
      ...(draft ? [] : [{ kind: 'published' as const, at: published, by: OFFICER, revision: 1 }]),
      ...updates,
      ...(a.status === 'cancelled' ? [{ kind: 'cancelled' as const, at: at(-HOUR), by: OFFICER, revision: 1, reason: a.cancelReason }] : []),
    ]
    const revision = draft ? 0 : 1 + updates.length
    const doc: AlertDoc = {
      _id: a.id,
      title: a.title,
      body: a.body,
      category: a.category,
      severity: a.severity,
      target: a.target,
      advice: a.advice,
      images: [],
      effectiveAt: draft ? createdAt : published,
      expiresAt: at(a.expiresIn),
      pinned: a.pinned ?? false,
      status: a.status,
      revision,
      audience: audienceOf(a.target),
      feedKey: feedKeyOf({ _id: a.id, pinned: a.pinned ?? false, severity: a.severity, publishedAt }),
      createdKey: createdKeyOf({ _id: a.id, createdAt }),
      history,
      counters: countMarks(MARKS.filter((m) => m.alertId === a.id)),
      createdBy: OFFICER,
      createdAt,
      updatedAt: updates.length > 0 ? updates[updates.length - 1].at : draft ? createdAt : published,
      publishedAt,
      cancelledAt: a.status === 'cancelled' ? at(-HOUR) : null,
      cancelReason: a.cancelReason ?? null,
    }
    return { ...doc }
  })
  const reads: SeedDoc[] = MARKS.map((m) => ({
    _id: readMarkId(m.alertId, m.openid),
    alertId: m.alertId,
    openid: m.openid,
    villageId: m.villageId,
    revision: m.revision,
    readAt: at(-HOUR),
    acked: m.acked,
    ackedAt: m.acked ? at(-HOUR) : null,
    counted: true,
  }))
  return { alerts, alert_reads: reads }
}
