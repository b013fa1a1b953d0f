// `npm run seed`: wipes the demo collections and loads the seed data (scripts/seed-data) into the local cloud's
// database. Works on the data directory directly (LOCAL_CLOUD_DATA, default .local-cloud/); stop `npm start` first
// or restart it afterwards, so no function holds an old read.
import path from 'node:path'
import fs from 'node:fs'
import { createDatabaseService, type DatabaseService } from '../local-cloud/src/db'
import { DB_FILE } from '../local-cloud/src'
import { cliSettings, loadSchema } from '../local-cloud/src/main'
import { seedData } from './seed-data'

/** Replaces every document of each seeded collection with the seed documents; answers the counts. */
export function seedDatabase(db: DatabaseService, now: Date = new Date()): Record<string, number> {
  const data = seedData({ now })
  const counts: Record<string, number> = {}
  for (const [collection, docs] of Object.entries(data)) {
    db.engine.remove(db.engine.coll(collection), {}, true)
    if (docs.length > 0) db.insertMany(collection, docs)
    counts[collection] = docs.length
  }
  return counts
}

/** True when the data directory has no database yet (npm start seeds it then). */
export function needsSeed(dataDir: string): boolean {
  return !fs.existsSync(path.join(dataDir, DB_FILE))
}

export function seedDataDir(dataDir: string, now: Date = new Date()): Record<string, number> {
  fs.mkdirSync(dataDir, { recursive: true })
  const db = createDatabaseService({ file: path.join(dataDir, DB_FILE), schema: loadSchema() })
  try {
    return seedDatabase(db, now)
  } finally {
    db.close()
  }
}

if (require.main === module) {
  const { dataDir } = cliSettings()
  try {
    const counts = seedDataDir(dataDir)
    console.log(`演示数据已载入 seeded ${dataDir}`)
    for (const [collection, n] of Object.entries(counts)) console.log(`  ${collection}: ${n}`)
  } catch (err) {
    console.error('载入演示数据失败 seeding failed:', (err as Error).message)
    process.exit(1)
  }
}
