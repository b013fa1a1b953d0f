import { residencyDelta, residentCountDocs, residentVillage } from '@domain/residents'

test('only residents with a village count, in that village', () => {
  expect(residentVillage({ role: 'resident', villageId: 'pingchuan' })).toBe('pingchuan')
  expect(residentVillage({ role: 'resident', villageId: '' })).toBeNull()
  expect(residentVillage({ role: 'officer', villageId: 'pingchuan' })).toBeNull()
  expect(residentVillage(null)).toBeNull()
})

test('a change moves one count from the old village to the new one, and nothing when it stays', () => {
  expect(residencyDelta(null, { role: 'resident', villageId: 'a' })).toEqual({ a: 1 })
  expect(residencyDelta({ role: 'resident', villageId: 'a' }, { role: 'resident', villageId: 'b' })).toEqual({ a: -1, b: 1 })
  expect(residencyDelta({ role: 'resident', villageId: 'a' }, { role: 'officer', villageId: 'a' })).toEqual({ a: -1 })
  expect(residencyDelta({ role: 'officer', villageId: 'a' }, { role: 'resident', villageId: 'a' })).toEqual({ a: 1 })
  expect(residencyDelta({ role: 'resident', villageId: 'a' }, { role: 'resident', villageId: 'a' })).toEqual({})
  expect(residencyDelta({ role: 'resident', villageId: '' }, { role: 'officer', villageId: '' })).toEqual({})
})

test('counter documents for a set of users', () => {
  const users = [
    { role: 'resident', villageId: 'a' },
    { role: 'resident', villageId: 'a' },
    { role: 'resident', villageId: 'b' },
    { role: 'admin', villageId: 'b' },
    { role: 'resident', villageId: '' },
  ]
  expect(residentCountDocs(users)).toEqual([
    { _id: 'a', residents: 2 },
    { _id: 'b', residents: 1 },
  ])
})
