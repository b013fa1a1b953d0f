// The phone bench's seeded local cloud (like test/support/cloudProcess.ts), optionally with `extra` older reports on
// top of the demo seed (scripts/bench/data.ts historyReport), for an officer who pages far down the queue.
//   tsx scripts/bench/phone-cloud.ts [extra]   → prints {"url": ...}; stops on SIGTERM
import type { Doc } from '../../local-cloud/src/db'
import { startTestCloud } from '../../test/support/localCloud'
import { historyReport } from './data'

const extra = Number(process.argv[2] ?? 0)

startTestCloud({ h5: false }).then(
  (tc) => {
    const now = new Date()
    if (extra > 0) tc.cloud.db.insertMany('reports', Array.from({ length: extra }, (_, i) => ({ ...historyReport(i, now) }) as unknown as Doc))
    console.log(JSON.stringify({ url: tc.url }))
    const stop = () => void tc.stop().then(() => process.exit(0))
    process.on('SIGTERM', stop)
    process.on('SIGINT', stop)
  },
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
