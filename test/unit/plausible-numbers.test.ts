// Numbers people type are bounded by what is plausible; an impossible value is told it is wrong (填错了),
// not given a rule that does not apply to it.
import * as v from 'valibot'
import { AREA_MU_MAX, createReportRequest } from '@contract/reports'
import { HOME_VISIT_AGE_MAX, servicesActions } from '@contract/services'
import { formErrors } from '@/services/formErrors'

const pesticide = (areaMu: number) => ({
  type: 'fake_pesticide',
  product: '草甘膦',
  brand: '金丰收',
  registrationNo: 'PD20080001',
  shop: '平川新农农资店',
  villageId: 'pingchuan',
  boughtAt: new Date(Date.now() - 864e5).toISOString(),
  crop: '玉米',
  areaMu,
  damage: '玉米叶子发黄',
})

const homeVisit = (age: number) => ({
  serviceId: 'idcard',
  reason: '老人腿脚不便',
  basis: 'elderly',
  age,
  name: '张桂兰',
  phone: '13900000001',
  villageId: 'pingchuan',
  preferredDays: ['2030-01-02'],
})

describe('plausible numbers', () => {
  it.each([
    [99999, /填错了：超过10000亩了/],
    [-5, /面积填错了，要比0大/],
    [0, /面积填错了，要比0大/],
  ])('%d 亩 is refused as a mistake', (areaMu, message) => {
    expect(formErrors(createReportRequest, pesticide(areaMu)).areaMu).toMatch(message)
  })

  it('a real field size is accepted', () => {
    expect(formErrors(createReportRequest, pesticide(12.5)).areaMu).toBeUndefined()
    expect(formErrors(createReportRequest, pesticide(AREA_MU_MAX)).areaMu).toBeUndefined()
  })

  it.each([-3, 0, 780, 75.5])('age %d is 填错了, not 不满70岁', (age) => {
    const message = formErrors(servicesActions['services.requestHomeVisit'].request, homeVisit(age)).age
    expect(message).toMatch(/^年龄填错了/)
  })

  it('a plausible age passes the schema', () => {
    const parsed = v.safeParse(servicesActions['services.requestHomeVisit'].request, homeVisit(78))
    expect(parsed.issues?.some((i) => v.getDotPath(i) === 'age')).toBeFalsy()
    expect(HOME_VISIT_AGE_MAX).toBe(120)
  })
})
