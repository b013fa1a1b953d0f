// The cron job registry: jobs by trigger, and one failing job does not stop the others.
import { getJob, jobsForTrigger, registerJob, runJobs } from '@server/jobs'

describe('job registry', () => {
  it('finds jobs by trigger, every5min by default', () => {
    const noop = async () => undefined
    registerJob('test.fast', noop)
    registerJob('test.nightly', noop, { triggers: ['nightly'] })
    expect(jobsForTrigger('every5min').map((j) => j.name)).toContain('test.fast')
    expect(jobsForTrigger('every5min').map((j) => j.name)).not.toContain('test.nightly')
    expect(jobsForTrigger('nightly').map((j) => j.name)).toEqual(['test.nightly'])
    expect(getJob('test.nightly')?.triggers).toEqual(['nightly'])
  })

  it('refuses a second job with the same name', () => {
    registerJob('test.once', async () => undefined)
    expect(() => registerJob('test.once', async () => undefined)).toThrow('registered twice')
  })
})

describe('runJobs', () => {
  it('runs every job, reports a failure and keeps going', async () => {
    const ran: string[] = []
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const reports = await runJobs({ tag: 'deps' }, [
      { name: 'a', run: async (d) => void ran.push(`a:${d.tag}`) },
      { name: 'b', run: async () => { throw new Error('remote down') } },
      { name: 'c', run: async (d) => void ran.push(`c:${d.tag}`) },
    ])
    spy.mockRestore()
    expect(ran).toEqual(['a:deps', 'c:deps'])
    expect(reports.map(({ job, ok, error }) => ({ job, ok, error }))).toEqual([
      { job: 'a', ok: true, error: undefined },
      { job: 'b', ok: false, error: 'remote down' },
      { job: 'c', ok: true, error: undefined },
    ])
  })
})
