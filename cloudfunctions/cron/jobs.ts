// The jobs the cron function runs. Features add one import line here for their job module,
// which calls `registerJob` from @server/jobs when it loads.
import { registerJob } from '@server/jobs'
import { pruneRequests } from './pruneRequests'
import '../alerts/jobs'
import '../services/jobs'
import '../services/migrate-names'
import '../mediation/jobs'
import '../followups/jobs'
import '../figures/jobs'

registerJob('requests.prune', pruneRequests, { triggers: ['every5min'] })
