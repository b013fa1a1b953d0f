// A seeded local cloud in its own process, for layers whose test environment must not host it (run with tsx).
// Prints one JSON line `{"url": ...}` when ready; stops on SIGTERM.
import { startTestCloud } from './localCloud'

startTestCloud({ h5: true }).then(
  (cloud) => {
    console.log(JSON.stringify({ url: cloud.url }))
    const stop = () => void cloud.stop().then(() => process.exit(0))
    process.on('SIGTERM', stop)
    process.on('SIGINT', stop)
  },
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
