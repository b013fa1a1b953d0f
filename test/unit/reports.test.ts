import {
  REPORT_STATUSES,
  OPEN_STATUSES,
  isOpen,
  caseNumber,
  isOverdue,
  overdueBefore,
  checkPesticideDates,
  checkTheftDates,
  isPlausibleRegistrationNo,
  normaliseRegistrationNo,
  normaliseName,
  reporterForOfficer,
  visiblePhotos,
  reportTitle,
  type ReportPhoto,
} from '@domain/reports'
import { maskPhone } from '@domain/privacy'
import { stationDayKey, stationDayStart } from '@domain/station-time'

const H = 3600 * 1000

describe('status table', () => {
  it('pins exactly which statuses are open and which are closed', () => {
    expect(OPEN_STATUSES).toEqual(['submitted', 'accepted', 'investigating'])
    expect(REPORT_STATUSES.filter((s) => s.type === 'closed').map((s) => s.value)).toEqual(['resolved', 'rejected', 'transferred', 'withdrawn'])
    expect(isOpen('investigating')).toBe(true)
    expect(isOpen('transferred')).toBe(false)
  })
  it('gives every status a Chinese label', () => {
    for (const s of REPORT_STATUSES) {
      expect(s.label).toMatch(/[\u4e00-\u9fa5]/)
      expect(s.short.length).toBeLessThanOrEqual(5)
    }
  })
})

describe('case numbers', () => {
  it.each([
    ['2026-11-28T02:00:00Z', 7, 'PC20261128-0007'],
    // 23:30 UTC on the 27th is already the 28th in Asia/Shanghai
    ['2026-11-27T16:30:00Z', 1, 'PC20261128-0001'],
    ['2026-11-27T15:59:59Z', 9999, 'PC20261127-9999'],
  ])('%s seq %d → %s', (at, seq, expected) => {
    expect(caseNumber(new Date(at), seq)).toBe(expected)
  })
  it.each([0, -1, 10000, 1.5])('refuses sequence %p', (seq) => {
    expect(() => caseNumber(new Date('2026-11-28T02:00:00Z'), seq)).toThrow(RangeError)
  })
  it('station day starts at midnight in Shanghai', () => {
    expect(stationDayKey(new Date('2026-11-27T16:00:00Z'))).toBe('20261128')
    expect(stationDayStart(new Date('2026-11-28T10:00:00Z')).toISOString()).toBe('2026-11-27T16:00:00.000Z')
  })
})

describe('overdue', () => {
  const now = new Date('2026-11-28T10:00:00Z')
  it.each([
    ['submitted', 23, false],
    ['submitted', 24.01, true],
    ['submitted', 100, true],
    ['accepted', 100, false],
    ['withdrawn', 100, false],
  ] as const)('%s for %dh → %p', (status, hours, expected) => {
    expect(isOverdue({ status, createdAt: new Date(now.getTime() - hours * H) }, now)).toBe(expected)
  })
  it('the cutoff is 24 hours before now', () => {
    expect(overdueBefore(now).toISOString()).toBe('2026-11-27T10:00:00.000Z')
  })
})

describe('date checks', () => {
  const now = new Date('2026-11-28T10:00:00Z')
  it('refuses a purchase date in the future', () => {
    expect(checkPesticideDates({ boughtAt: new Date('2026-11-29T10:00:00Z') }, now)).toEqual({ field: 'boughtAt', message: expect.stringContaining('不能晚于') })
    expect(checkPesticideDates({ boughtAt: new Date('2026-10-01T10:00:00Z') }, now)).toBeNull()
  })
  it.each([
    ['window ending before it starts', '2026-11-27T10:00:00Z', '2026-11-27T08:00:00Z', 'to'],
    ['end in the future', '2026-11-27T10:00:00Z', '2026-11-28T12:00:00Z', 'to'],
    ['start in the future', '2026-11-29T10:00:00Z', '2026-11-29T12:00:00Z', 'from'],
  ])('theft: %s → %s', (_name, from, to, field) => {
    expect(checkTheftDates({ from: new Date(from), to: new Date(to) }, now)?.field).toBe(field)
  })
  it('accepts a past window, including an instant', () => {
    expect(checkTheftDates({ from: new Date('2026-11-27T20:00:00Z'), to: new Date('2026-11-28T06:00:00Z') }, now)).toBeNull()
    expect(checkTheftDates({ from: new Date('2026-11-27T20:00:00Z'), to: new Date('2026-11-27T20:00:00Z') }, now)).toBeNull()
  })
})

describe('pesticide registration numbers', () => {
  it.each(['PD20080001', 'PD20080001F', 'pd20080001', 'ＰＤ２００８０００１', 'PD 2008 0001', 'LS20130012', 'WP20080123', 'WL20100001', 'PDN7-91', 'PD85150-6', '农药登记证号：PD20080001'])(
    '%s looks plausible',
    (raw) => expect(isPlausibleRegistrationNo(raw)).toBe(true),
  )
  it.each(['', '20080001', 'PD', 'XX20080001', 'PD2008000123456', '草甘膦', 'PD2008-0001-01'])('%p does not', (raw) => {
    expect(isPlausibleRegistrationNo(raw)).toBe(false)
  })
  it('normalises full-width and spaces', () => {
    expect(normaliseRegistrationNo(' ｐｄ２００８ ０００１ｆ ')).toBe('PD20080001F')
  })
})

describe('name normalisation for clustering', () => {
  it.each([
    ['平川农资店', '平川'],
    ['平川 农资店', '平川'],
    ['平川农资门市部', '平川'],
    ['ＡＢＣ化工有限公司', 'abc化工'],
    ['abc化工 有限责任公司', 'abc化工'],
    ['绿丰（甘肃）生物科技股份有限公司', '绿丰甘肃生物科技'],
    ['“绿丰”生物科技有限公司', '绿丰生物科技'],
    ['老王商店', '老王'],
    ['店', '店'],
  ])('%s → %s', (raw, key) => {
    expect(normaliseName(raw)).toBe(key)
  })
  it('names typed differently by two villagers give one key', () => {
    expect(normaliseName('平川镇 为农农资店')).toBe(normaliseName('平川镇为农农资经营部'))
  })
})

describe('anonymity projection', () => {
  const contact = { name: '王小明', phone: '13800138000' }
  it('an anonymous report shows officers neither name nor phone', () => {
    const view = reporterForOfficer({ anonymous: true, contact: null }, (p) => p)
    expect(view).toEqual({ anonymous: true })
    expect(JSON.stringify(view)).not.toMatch(/王小明|13800138000/)
  })
  it('even a stray contact on an anonymous report is not shown', () => {
    expect(reporterForOfficer({ anonymous: true, contact }, (p) => p)).toEqual({ anonymous: true })
  })
  it('a named report shows the phone the way the caller renders it', () => {
    expect(reporterForOfficer({ anonymous: false, contact }, maskPhone)).toEqual({ anonymous: false, name: '王小明', phone: '138****8000' })
    expect(reporterForOfficer({ anonymous: false, contact }, (p) => p)).toEqual({ anonymous: false, name: '王小明', phone: '13800138000' })
  })
})

describe('photos and titles', () => {
  it('hides photos the media check found risky', () => {
    const at = new Date()
    const photos: ReportPhoto[] = [
      { fileId: 'a', check: 'pass', addedBy: 'reporter', addedAt: at },
      { fileId: 'b', check: 'risky', addedBy: 'reporter', addedAt: at },
      { fileId: 'c', check: 'pending', addedBy: 'reporter', addedAt: at },
    ]
    expect(visiblePhotos(photos).map((p) => p.fileId)).toEqual(['a', 'c'])
  })
  it('titles name what was reported', () => {
    expect(reportTitle({ type: 'theft', theft: { items: [{ name: '水桶', value: 30 }, { name: '铁锹', value: 20 }], from: new Date(), to: new Date(), place: '大棚' } })).toBe(
      '被盗：水桶、铁锹',
    )
  })
})
