// useAction: the spinner is on only while the call runs, a failure leaves a Chinese message (and the field it names)
// that the next try clears, and a check made before sending shows its own message.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { useAction } from '@/hooks/useAction'
import { CallError } from '@/services/errors'

function Probe({ act: work, onResult }: { act: () => Promise<string>; onResult: (r: string | undefined) => void }) {
  const action = useAction()
  return (
    <div>
      <button onClick={() => void action.run(work).then(onResult)}>send</button>
      <button onClick={() => action.fail('请写明处理结果', 'note')}>check</button>
      <span data-testid='busy'>{action.busy ? 'busy' : 'idle'}</span>
      <span data-testid='error'>{action.error ?? ''}</span>
      <span data-testid='field'>{action.field ?? ''}</span>
    </div>
  )
}

function deferred() {
  let resolve!: (v: string) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<string>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

test('busy while running, the result handed back, no message after a success', async () => {
  const d = deferred()
  const results: (string | undefined)[] = []
  render(<Probe act={() => d.promise} onResult={(r) => results.push(r)} />)
  fireEvent.click(screen.getByText('send'))
  expect(screen.getByTestId('busy').textContent).toBe('busy')
  await act(async () => d.resolve('ok'))
  expect(screen.getByTestId('busy').textContent).toBe('idle')
  expect(screen.getByTestId('error').textContent).toBe('')
  expect(results).toEqual(['ok'])
})

test('a failed call shows its message and field, resolves to undefined, and the next try clears it', async () => {
  let d = deferred()
  const results: (string | undefined)[] = []
  render(<Probe act={() => d.promise} onResult={(r) => results.push(r)} />)
  fireEvent.click(screen.getByText('send'))
  await act(async () => d.reject(new CallError({ code: 'invalid_argument', message: '请选择移交部门', field: 'agency' })))
  expect(screen.getByTestId('busy').textContent).toBe('idle')
  expect(screen.getByTestId('error').textContent).toBe('请选择移交部门')
  expect(screen.getByTestId('field').textContent).toBe('agency')
  expect(results).toEqual([undefined])

  d = deferred()
  fireEvent.click(screen.getByText('send'))
  expect(screen.getByTestId('error').textContent).toBe('')
  await act(async () => d.resolve('ok'))
  expect(results).toEqual([undefined, 'ok'])
})

test('an unexpected throw still gives a Chinese message, not the raw error', async () => {
  const d = deferred()
  render(<Probe act={() => d.promise} onResult={() => undefined} />)
  fireEvent.click(screen.getByText('send'))
  await act(async () => d.reject(new Error('socket hang up')))
  const shown = screen.getByTestId('error').textContent ?? ''
  expect(shown).not.toContain('socket')
  expect(shown).toMatch(/[\u4e00-\u9fa5]/)
})

test('a check before sending shows its message against the field', () => {
  render(<Probe act={() => Promise.resolve('x')} onResult={() => undefined} />)
  fireEvent.click(screen.getByText('check'))
  expect(screen.getByTestId('error').textContent).toBe('请写明处理结果')
  expect(screen.getByTestId('field').textContent).toBe('note')
  expect(screen.getByTestId('busy').textContent).toBe('idle')
})

function IntentProbe({ act: work, intent }: { act: (requestId: string) => Promise<string>; intent: string }) {
  const action = useAction()
  return <button onClick={() => void action.run(work, { intent })}>send</button>
}

test('every try of one intent carries the same request id; a success or another intent starts a new one', async () => {
  const ids: string[] = []
  let outcome: 'fail' | 'ok' = 'fail'
  const work = (requestId: string) => {
    ids.push(requestId)
    return outcome === 'fail' ? Promise.reject(new CallError({ code: 'network', message: '网络不好' })) : Promise.resolve('ok')
  }
  const { rerender } = render(<IntentProbe act={work} intent='a' />)
  await act(async () => fireEvent.click(screen.getByText('send')))
  await act(async () => fireEvent.click(screen.getByText('send')))
  expect(ids[1]).toBe(ids[0])
  outcome = 'ok'
  await act(async () => fireEvent.click(screen.getByText('send')))
  expect(ids[2]).toBe(ids[0])
  // After the success the same button is a new intent.
  await act(async () => fireEvent.click(screen.getByText('send')))
  expect(ids[3]).not.toBe(ids[0])
  // A changed intent (other content) gets its own id.
  outcome = 'fail'
  rerender(<IntentProbe act={work} intent='b' />)
  await act(async () => fireEvent.click(screen.getByText('send')))
  expect(ids[4]).not.toBe(ids[3])
  expect(new Set(ids).size).toBe(3)
})

test('a failure is handed to onError as well, with the field it names', async () => {
  const seen: string[] = []
  function Form() {
    const action = useAction('save')
    return (
      <button
        onClick={() =>
          void action.run(() => Promise.reject(new CallError({ code: 'invalid_argument', message: '这个手机号已经有人用了', field: 'phone' })), {
            onError: (e) => seen.push(`${e.field}:${e.message}`),
          })
        }
      >
        save
      </button>
    )
  }
  render(<Form />)
  await act(async () => fireEvent.click(screen.getByText('save')))
  expect(seen).toEqual(['phone:这个手机号已经有人用了'])
})
