// A local cloud on a given data directory, in its own process so a test can kill it with SIGKILL and start it again
// on the same data (run with tsx). Seeds the demo data only into a fresh directory. Prints `{"url": ...}` when ready.
// CRASH_AT makes the process kill itself with SIGKILL at an exact point of the action CRASH_ACTION (`reports.create`
// by default), whose record lives in CRASH_COLLECTION (`reports`):
//   claim  — just after the call's requestId claim is stored (nothing else written yet);
//   commit — just after the transaction that stores the record commits (the claim still `pending`).
import fs from 'node:fs'
import path from 'node:path'
import { startLocalCloud } from '../../local-cloud/src'
import { DB_FILE } from '../../local-cloud/src/index'
import { loadSchema, ROOT } from '../../local-cloud/src/main'
import { seedDatabase } from '../../scripts/seed'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: crashCloud.ts <dataDir>')
const fresh = !fs.existsSync(path.join(dataDir, DB_FILE))

startLocalCloud({ port: 0, dataDir, functionsDir: path.join(ROOT, 'dist', 'cloudfunctions'), schema: loadSchema(), schedule: false }).then(
  (cloud) => {
    if (fresh) seedDatabase(cloud.db, new Date())
    const engine = cloud.db.engine
    const die = () => process.kill(process.pid, 'SIGKILL')
    const action = process.env.CRASH_ACTION || 'reports.create'
    const collection = process.env.CRASH_COLLECTION || 'reports'
    if (process.env.CRASH_AT === 'claim') {
      const insert = engine.insert.bind(engine)
      engine.insert = (c, docs) => {
        const ids = insert(c, docs)
        if (c.name === 'requests' && docs.some((d) => String(d._id).includes(`:${action}:`))) die()
        return ids
      }
    }
    if (process.env.CRASH_AT === 'commit') {
      const commit = engine.commitTransaction.bind(engine)
      engine.commitTransaction = (id) => {
        const storesRecord = [...engine.tx(id).writes.values()].some((w) => w.coll.name === collection && w.insert)
        commit(id)
        if (storesRecord) die()
      }
    }
    console.log(JSON.stringify({ url: cloud.url }))
    const stop = () => void cloud.stop().then(() => process.exit(0))
    process.on('SIGTERM', stop)
  },
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
