// One page shell: loading, error, empty and sign-in states, pull-to-refresh, large-font mode and a crash guard,
// so a page is only its content.
import { useEffect, type ReactNode } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import BigButton from '@/components/BigButton'
import PrivacySheet from '@/components/PrivacySheet'
import { useLargeFont } from '@/hooks/useLargeFont'
import type { AsyncState } from '@/hooks/useAsync'
import type { CallError } from '@/services/errors'
import { getDevOpenid } from '@/services/devIdentity'
import { definedProps } from '@/components/definedProps'
import ErrorBoundary from './ErrorBoundary'
import './index.scss'

export interface EmptyStateProps {
  /** A short emoji-free symbol shown large, e.g. '✓' or '!' (plain text renders everywhere). */
  icon?: string
  text: string
  actionText?: string
  onAction?: () => void
}

export interface PageShellProps {
  children?: ReactNode
  /** Shortcut: loading/error/retry/refresh from a useAsync/useCall state. */
  state?: Pick<AsyncState<unknown>, 'data' | 'error' | 'loading' | 'reload'>
  loading?: boolean
  error?: CallError
  onRetry?: () => void | Promise<void>
  /** When set, shown instead of the children (the page decides when its data is empty). */
  empty?: EmptyStateProps | false
  /** The person has not filled in name/phone/village yet: prompt them instead of the content. */
  needProfile?: boolean
  /** Pull-to-refresh (the page config needs `enablePullDownRefresh: true`). Defaults to state.reload. */
  onRefresh?: () => void | Promise<void>
  /** Only the dev sign-in page itself skips the h5 identity check. */
  skipDevIdentity?: boolean
  id?: string
}

export function Spinner() {
  return (
    <View className='fq-shell__loading' id='shell-loading'>
      <View className='fq-shell__spinner' />
      <Text className='fq-shell__loading-text'>正在加载…</Text>
    </View>
  )
}

export function ErrorView({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='fq-shell__state' id='shell-error'>
      <Text className='fq-shell__icon fq-shell__icon--error'>!</Text>
      <Text className='fq-shell__message'>{message}</Text>
      {onRetry ? (
        <BigButton id='shell-retry' onClick={onRetry}>
          重试
        </BigButton>
      ) : null}
    </View>
  )
}

export function EmptyView({ icon, text, actionText, onAction }: EmptyStateProps) {
  return (
    <View className='fq-shell__state' id='shell-empty'>
      <Text className='fq-shell__icon'>{icon ?? '○'}</Text>
      <Text className='fq-shell__message'>{text}</Text>
      {actionText && onAction ? (
        <BigButton kind='plain' onClick={onAction}>
          {actionText}
        </BigButton>
      ) : null}
    </View>
  )
}

const goFillProfile = () => void Taro.switchTab({ url: '/pages/me/index' })

export default function PageShell(props: PageShellProps) {
  const { children, state, empty, needProfile, skipDevIdentity, id } = props
  const [large] = useLargeFont()
  const loading = props.loading ?? (state ? state.loading && state.data === undefined : false)
  const error = props.error ?? state?.error
  const onRetry = props.onRetry ?? state?.reload
  const onRefresh = props.onRefresh ?? state?.reload
  // Old data stays on screen when only a refresh failed.
  const hasData = state ? state.data !== undefined : false

  usePullDownRefresh(() => {
    void Promise.resolve(onRefresh?.()).finally(() => Taro.stopPullDownRefresh())
  })

  useEffect(() => {
    if (process.env.TARO_ENV === 'h5' && !skipDevIdentity && !getDevOpenid()) {
      void Taro.reLaunch({ url: '/pages/dev-login/index' })
    }
  }, [skipDevIdentity])

  let body: ReactNode
  if (loading) body = <Spinner />
  else if (error && !hasData) body = <ErrorView message={error.message} onRetry={onRetry ? () => void onRetry() : undefined} />
  else if (needProfile)
    body = <EmptyView icon='✎' text='请先填写您的姓名、电话和所在村，民警才能联系到您。' actionText='去填写' onAction={goFillProfile} />
  else if (empty) body = <EmptyView {...empty} />
  else
    body = (
      <>
        {error ? (
          <View className='fq-shell__banner' id='shell-banner'>
            <Text>{error.message}</Text>
          </View>
        ) : null}
        {children}
      </>
    )

  return (
    <View className={`fq-page${large ? ' fq-large' : ''}`} {...definedProps({ id })}>
      <ErrorBoundary
        fallback={(reset) => (
          <ErrorView
            message='页面出了点问题，请点重试。还不行就退出小程序再打开。'
            onRetry={() => {
              reset()
              void onRetry?.()
            }}
          />
        )}
      >
        {body}
      </ErrorBoundary>
      <PrivacySheet />
    </View>
  )
}
