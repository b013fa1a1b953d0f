// Request ids: one per user intent, so a retried write is applied once by the function runtime.
let counter = 0

export function newRequestId(now: number = Date.now()): string {
  counter = (counter + 1) % 1_000_000
  const rand = Math.floor(Math.random() * 0x100000000).toString(36)
  return `${now.toString(36)}-${counter.toString(36)}-${rand}`
}
