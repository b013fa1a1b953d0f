// The collections module names exactly the collections database.json declares: one name each, none missing.
import { readFileSync } from 'node:fs'
import * as collections from '@server/collections'

const declared = Object.keys((JSON.parse(readFileSync('cloudfunctions/database.json', 'utf8')) as { collections: Record<string, unknown> }).collections)

it('declares every collection of database.json once, and nothing else', () => {
  const { STATION_ID, ...names } = collections
  expect(STATION_ID).toBe('main')
  const values = Object.values(names)
  expect(new Set(values).size).toBe(values.length)
  expect([...values].sort()).toEqual([...declared].sort())
})
