// Actions of the `alerts` function: officers warn, residents read and acknowledge, officers see who has not.
import * as v from 'valibot'
import {
  ALL_VILLAGES,
  CATEGORY_VALUES,
  PHASE_VALUES,
  SEVERITY_VALUES,
  type AlertCategory,
  type AlertPhase,
  type AlertSeverity,
  type AlertStatsSummary,
  type FieldChange,
  type HistoryKind,
  EXPIRY_MESSAGES,
  expiryProblem,
  targetProblem,
  type GroupTarget,
} from '@domain/alerts'
import { defineAction, EVERYONE, STAFF, type IsoDate } from './core'
import { cursor, date, fileIds, id, optionalText, pageSize, text, token } from './fields'

export const TITLE_MAX = 40
export const BODY_MAX = 2000
export const ADVICE_MAX_POINTS = 10
export const ADVICE_POINT_MAX = 60
export const IMAGES_MAX = 9

/**
 * Who an alert would reach: residents of its villages (or, for 社, those whose confirmed household lies in them), and
 * those of them with a push credit (subscribed).
 */
export interface AlertReach {
  residents: number
  subscribed: number
}

/** One 社 an alert can be sent to, with the residents whose household an officer confirmed there. */
export interface AlertGroupOption extends GroupTarget {
  /** "平川村三社". */
  label: string
  residents: number
}

const category = v.picklist(CATEGORY_VALUES, '请选择类别')
const severity = v.picklist(SEVERITY_VALUES, '请选择严重程度')

/** `'all'` or a list of village ids (empty when 社 are chosen instead); unknown ids are checked by the handler against the station. */
const villageIds = v.union(
  [
    v.literal(ALL_VILLAGES),
    v.pipe(v.array(token('村的编号不对', '村的编号不对', 64), '请选择发送到哪些村'), v.maxLength(100, '选择的村太多了')),
  ],
  '请选择发送到哪些村',
)

export const GROUPS_MAX = 30

/** 社 (村民小组) within villages, e.g. `{ villageId: 'pingchuan', group: '三社' }`; the handler checks each against hh_groups. */
const groups = v.optional(
  v.pipe(
    v.array(
      v.object({ villageId: token('村的编号不对', '村的编号不对', 64), group: text('社', 10) }, '社的格式不对'),
      '社的格式不对',
    ),
    v.maxLength(GROUPS_MAX, `一次最多选${GROUPS_MAX}个社`),
  ),
  [],
)

const TARGET_PATHS: [['villageIds'], ['groups']] = [['villageIds'], ['groups']]

const advice = v.optional(
  v.pipe(
    v.array(text('防范要点', ADVICE_POINT_MAX), '防范要点格式不对'),
    v.maxLength(ADVICE_MAX_POINTS, `防范要点最多${ADVICE_MAX_POINTS}条`),
  ),
  [],
)

const contentEntries = {
  title: text('标题', TITLE_MAX),
  body: text('内容', BODY_MAX, { multiline: true }),
  category,
  severity,
  villageIds,
  groups,
  advice,
  images: fileIds('图片', IMAGES_MAX),
  /** Defaults to the moment of publishing. */
  effectiveAt: v.optional(date('生效时间')),
  expiresAt: date('到期时间'),
  pinned: v.optional(v.boolean('置顶格式不对'), false),
}

const EXPIRY_MESSAGE = EXPIRY_MESSAGES.endsBeforeStart

export const alertsActions = {
  /** Saves a draft or publishes; with `id` it continues an existing draft. */
  'alerts.publish': defineAction<AlertView>()({
    roles: STAFF,
    idempotent: true,
    request: v.pipe(
      v.object({
        id: v.optional(id('预警编号')),
        mode: v.optional(v.picklist(['draft', 'publish'], '请选择保存草稿或发布'), 'publish'),
        ...contentEntries,
      }),
      v.forward(
        v.partialCheck([['effectiveAt'], ['expiresAt']], (i) => expiryProblem(i) === null, EXPIRY_MESSAGE),
        ['expiresAt'],
      ),
      v.forward(
        v.partialCheck(TARGET_PATHS, (i) => targetProblem(i) === null, (issue) => targetProblem(issue.input) ?? '请选择发送范围'),
        ['villageIds'],
      ),
    ),
  }),

  /** Changes a published alert; the change and its reason go into the history and residents see it as unread. */
  'alerts.update': defineAction<AlertView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: id('预警编号'),
      reason: text('修改原因', 100, { multiline: true }),
      // `villageIds` and `groups` together are the new 发送范围: either one given replaces the whole range.
      changes: v.pipe(
        v.partial(v.object({ ...contentEntries, groups: v.array(v.object({ villageId: token('村的编号不对', '村的编号不对', 64), group: text('社', 10) }, '社的格式不对'), '社的格式不对'), effectiveAt: date('生效时间'), pinned: v.boolean('置顶格式不对') }, '请填写修改内容')),
        v.check((c) => Object.values(c).some((x) => x !== undefined), '请至少修改一项内容'),
        v.check((c) => (c.groups?.length ?? 0) <= GROUPS_MAX, `一次最多选${GROUPS_MAX}个社`),
        v.check(
          (c) => (c.villageIds === undefined && c.groups === undefined) || targetProblem({ villageIds: c.villageIds ?? [], groups: c.groups ?? [] }) === null,
          (issue) => {
            const c = issue.input as { villageIds?: typeof ALL_VILLAGES | string[]; groups?: GroupTarget[] }
            return targetProblem({ villageIds: c.villageIds ?? [], groups: c.groups ?? [] }) ?? '请选择发送范围'
          },
        ),
      ),
    }),
  }),

  'alerts.cancel': defineAction<AlertView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ id: id('预警编号'), reason: text('撤销原因', 100, { multiline: true }) }),
  }),

  /** Residents: live alerts for their village. Staff: everything, filtered by phase and village. */
  'alerts.list': defineAction<AlertPage>()({
    roles: EVERYONE,
    request: v.object({
      category: v.optional(category),
      keyword: optionalText('搜索词', 20),
      phase: v.optional(v.picklist(PHASE_VALUES, '状态不对')),
      villageId: v.optional(id('村')),
      cursor,
      pageSize,
    }),
  }),

  /** `via: 'share'` opens an active alert of another village (from a share link). */
  'alerts.get': defineAction<AlertView>()({
    roles: EVERYONE,
    request: v.object({ id: id('预警编号'), via: v.optional(v.picklist(['feed', 'share'], '来源不对'), 'feed') }),
  }),

  /** The resident's "知道了". Repeating it changes nothing. */
  'alerts.ack': defineAction<AckResult>()({
    roles: ['resident'],
    idempotent: true,
    request: v.object({ id: id('预警编号'), via: v.optional(v.picklist(['feed', 'share'], '来源不对'), 'feed') }),
  }),

  /** Marks the alert's current revision as seen. Staff calls are accepted and change nothing. */
  'alerts.markRead': defineAction<{ revision: number }>()({
    roles: EVERYONE,
    request: v.object({ id: id('预警编号'), via: v.optional(v.picklist(['feed', 'share'], '来源不对'), 'feed') }),
  }),

  'alerts.unreadCount': defineAction<{ count: number }>()({
    roles: EVERYONE,
    request: v.object({}),
  }),

  /** Before publishing: how many residents the chosen villages (or 社) hold and how many of them get a WeChat push. */
  'alerts.reach': defineAction<AlertReach>()({
    roles: STAFF,
    request: v.pipe(
      v.object({ villageIds, groups }),
      v.forward(
        v.partialCheck(TARGET_PATHS, (i) => targetProblem(i) === null, (issue) => targetProblem(issue.input) ?? '请选择发送范围'),
        ['villageIds'],
      ),
    ),
  }),

  /** The 社 of a village an alert can be sent to, each with the residents it would reach (for the compose page). */
  'alerts.groups': defineAction<{ groups: AlertGroupOption[] }>()({
    roles: STAFF,
    request: v.object({ villageId: id('村') }),
  }),

  /** Reach and read/ack counts; with `followUp` also the residents who have not acknowledged (audited). */
  'alerts.stats': defineAction<AlertStatsView>()({
    roles: STAFF,
    request: v.object({
      id: id('预警编号'),
      followUp: v.optional(v.boolean('是否列出没确认的人，选项不对'), false),
      villageId: v.optional(id('村')),
      cursor,
      pageSize,
    }),
  }),

  /** The full phone number of one resident on the follow-up list, for calling; audited. */
  'alerts.revealPhone': defineAction<{ phone: string }>()({
    roles: STAFF,
    request: v.object({ id: id('预警编号'), openid: id('村民') }),
  }),

  /** Records what `wx.requestSubscribeMessage` answered; each accepted alert template is one credit. */
  'alerts.subscribe': defineAction<SubscribeResult>()({
    roles: ['resident'],
    idempotent: true,
    request: v.object({
      results: v.pipe(
        v.record(token('订阅结果格式不对', '订阅结果格式不对', 64, 0), token('订阅结果格式不对', '订阅结果格式不对', 64, 0), '订阅结果格式不对'),
        v.check((r) => Object.keys(r).length <= 5, '订阅结果格式不对'),
      ),
    }),
  }),
} as const

// ---------------------------------------------------------------------------
// Response shapes.

export interface AlertHistoryView {
  kind: HistoryKind
  at: IsoDate
  revision: number
  reason: string | null
  changes: FieldChange[]
}

export interface AlertView {
  id: string
  /** `notice`: an expired or cancelled alert opened from a share outside the reader's village; body, advice and images
   * are empty. They are empty in the feed too (`alerts.list` sends cards; `alerts.get` the whole alert). */
  access: 'full' | 'notice'
  title: string
  body: string
  category: AlertCategory
  severity: AlertSeverity
  /** The targeted villages ([] when the alert goes to 社). */
  villageIds: typeof ALL_VILLAGES | string[]
  /** The targeted 社 ([] when it goes to villages). */
  groups: GroupTarget[]
  /** "全部村", the village names, or "平川村三社". */
  scope: string
  advice: string[]
  images: { fileId: string; url: string | null }[]
  effectiveAt: IsoDate
  expiresAt: IsoDate
  publishedAt: IsoDate | null
  updatedAt: IsoDate
  pinned: boolean
  phase: AlertPhase
  revision: number
  cancelReason: string | null
  /** The reader's own marks (always false for staff). */
  unread: boolean
  updatedSinceRead: boolean
  acked: boolean
  /** Detail (`get`, `publish`, `update`, `cancel`) only; the feed leaves it empty. */
  history: AlertHistoryView[]
}

export interface AlertPage {
  items: AlertView[]
  nextCursor: string | null
  /** The subscription template the app asks the resident to accept (null when none is configured). */
  subscribeTemplateId: string | null
}

export interface AckResult {
  acked: true
  ackedAt: IsoDate
}

export interface FollowUpResident {
  openid: string
  name: string
  villageId: string
  villageName: string
  /** Masked, e.g. 138****8000; `alerts.revealPhone` gives the number for calling. */
  phone: string
  /** Has opened the alert but not pressed 知道了. */
  read: boolean
}

export interface AlertStatsView {
  alert: { id: string; title: string; severity: AlertSeverity; phase: AlertPhase }
  stats: AlertStatsSummary
  /** Only when asked (`followUp: true`) and the alert is severe or extreme. */
  followUp: { items: FollowUpResident[]; nextCursor: string | null } | null
}

export interface SubscribeResult {
  credits: number
}
