// Stops the local cloud process that cloudGlobalSetup started.
export default async function teardown(): Promise<void> {
  const child = globalThis.__TEST_CLOUD_PROCESS__
  if (!child || child.exitCode !== null) return
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
