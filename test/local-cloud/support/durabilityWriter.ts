// Child process for database-durability.test.ts: commits transactions in a loop and acknowledges each
// on stdout only after commit returned, until it is killed with SIGKILL.
import { createDatabaseService } from '../../../local-cloud/src/db'
import { DURABILITY_SCHEMA } from './durabilitySchema'

const file = process.argv[2]
const svc = createDatabaseService({ file, schema: DURABILITY_SCHEMA })
const e = svc.engine
const payload = '平川村'.repeat(400)
let i = 0
function step() {
  for (let k = 0; k < 20; k++, i++) {
    const tx = e.startTransaction()
    const t = e.tx(tx)
    e.txInsert(t, e.coll('pairs'), [
      { _id: `p${i}-a`, i, payload },
      { _id: `p${i}-b`, i, payload },
    ])
    e.txModify(t, e.coll('pairs'), 'counter', { $inc: { n: 1 } }, { merge: true, upsert: true })
    e.commitTransaction(tx)
    svc.insertMany('singles', [{ _id: `s${i}`, i, payload }])
    process.stdout.write(`ok ${i}\n`)
  }
  setImmediate(step)
}
step()
