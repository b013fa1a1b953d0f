// kill -9 in the middle of writes loses no committed document and leaves no half-written transaction.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createDatabaseService } from '../../local-cloud/src/db'
import { DURABILITY_SCHEMA } from './support/durabilitySchema'
import '../support/slow'

test('after SIGKILL every acknowledged commit is there, every transaction is all-or-nothing, and the file is intact', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-durable-'))
  const file = path.join(dir, 'db.sqlite')
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support/durabilityWriter.ts'), file], {
    cwd: path.join(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let acked = -1
  let buf = ''
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited early: ${code}`))))
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString()
      const lines = buf.split('\n')
      buf = lines.pop() ?? ''
      for (const l of lines) if (l.startsWith('ok ')) acked = Number(l.slice(3))
      if (acked >= 1500 && !child.killed) child.kill('SIGKILL')
    })
  })
  expect(acked).toBeGreaterThanOrEqual(1500)

  const db = createDatabaseService({ file, schema: DURABILITY_SCHEMA })
  try {
    expect(db.engine.db.pragma('integrity_check', { simple: true })).toBe('ok')
    const pairs = db.find('pairs', { i: { $exists: true } })
    const byI = new Map<number, number>()
    for (const d of pairs) byI.set(d.i as number, (byI.get(d.i as number) ?? 0) + 1)
    for (const [, n] of byI) expect(n).toBe(2) // no transaction half-applied
    for (let i = 0; i <= acked; i++) expect(byI.get(i)).toBe(2) // nothing acknowledged is lost
    const counter = db.find('pairs', { _id: 'counter' })[0]
    expect(counter.n).toBe(byI.size)
    const singles = db.find('singles', {})
    expect(singles.length).toBeGreaterThanOrEqual(acked + 1)
    for (const s of singles) expect(s.payload).toBe('平川村'.repeat(400))
  } finally {
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
