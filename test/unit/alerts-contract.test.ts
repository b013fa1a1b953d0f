import { alertsActions } from '@contract/alerts'
import { validatePayload } from '@contract/validate'

const publish = alertsActions['alerts.publish']
const valid = {
  title: '警惕冒充公检法电话诈骗',
  body: '公检法不会打电话让您转账。',
  category: 'fraud',
  severity: 'severe',
  villageIds: 'all',
  expiresAt: '2024-07-01T00:00:00+08:00',
}

describe('alerts.publish payload', () => {
  it('takes 社 of a village instead of villages', () => {
    const r = validatePayload(publish, { ...valid, villageIds: [], groups: [{ villageId: 'pingchuan', group: '三社' }] })
    expect(r).toMatchObject({ ok: true, data: { villageIds: [], groups: [{ villageId: 'pingchuan', group: '三社' }] } })
  })

  it('an update that changes the range alone still names a missing choice', () => {
    const update = alertsActions['alerts.update']
    expect(validatePayload(update, { id: 'a1', reason: '改范围', changes: { villageIds: [] } })).toMatchObject({ ok: false, error: { field: 'changes', message: '请至少选择一个村或一个社，或选“全部村”' } })
    expect(validatePayload(update, { id: 'a1', reason: '改范围', changes: { groups: [{ villageId: 'pingchuan', group: '三社' }] } })).toMatchObject({ ok: true })
  })

  it('normalises a valid payload: dates, defaults, trimmed text', () => {
    const r = validatePayload(publish, { ...valid, title: ' 警惕冒充公检法电话诈骗 ' })
    expect(r).toEqual({
      ok: true,
      data: { ...valid, mode: 'publish', groups: [], advice: [], images: [], pinned: false, expiresAt: new Date('2024-07-01T00:00:00+08:00') },
    })
  })

  it.each<[string, Record<string, unknown>, string, string]>([
    ['missing title', { title: undefined }, 'title', '请填写标题'],
    ['missing villages', { villageIds: undefined }, 'villageIds', '请选择发送到哪些村'],
    ['empty village list', { villageIds: [] }, 'villageIds', '请至少选择一个村或一个社，或选“全部村”'],
    ['全部村 and a 社', { groups: [{ villageId: 'pingchuan', group: '三社' }] }, 'villageIds', '选了“全部村”就不用再选社了'],
    ['a village and a 社', { villageIds: ['luwan'], groups: [{ villageId: 'pingchuan', group: '三社' }] }, 'villageIds', '村和社只能选一种：要么选整个村，要么选村里的社'],
    ['a 社 without its name', { villageIds: [], groups: [{ villageId: 'pingchuan', group: '' }] }, 'groups.0.group', '请填写社'],
    ['41-character title', { title: '诈'.repeat(41) }, 'title', '标题最多40个字'],
    ['unknown severity', { severity: 'catastrophic' }, 'severity', '请选择严重程度'],
    ['eleven advice points', { advice: Array.from({ length: 11 }, () => '别转账') }, 'advice', '防范要点最多10条'],
    ['expiry before effect', { effectiveAt: '2024-07-02T00:00:00+08:00' }, 'expiresAt', '到期时间要晚于生效时间，请重新选择'],
  ])('%s → names %s in Chinese', (_name, over, field, message) => {
    const payload: Record<string, unknown> = { ...valid, ...over }
    for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k]
    expect(validatePayload(publish, payload)).toEqual({ ok: false, error: { code: 'invalid_argument', field, message } })
  })
})

describe('alerts.update payload', () => {
  it('needs at least one change and a reason', () => {
    const spec = alertsActions['alerts.update']
    expect(validatePayload(spec, { id: 'a1', reason: '补充', changes: {} })).toMatchObject({ ok: false, error: { field: 'changes', message: '请至少修改一项内容' } })
    expect(validatePayload(spec, { id: 'a1', changes: { title: '新标题' } })).toMatchObject({ ok: false, error: { field: 'reason', message: '请填写修改原因' } })
    expect(validatePayload(spec, { id: 'a1', reason: '补充', changes: { severity: 'extreme' } })).toMatchObject({ ok: true })
  })
})
