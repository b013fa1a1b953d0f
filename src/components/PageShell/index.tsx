// One page shell: the navigation bar, loading, error, empty and sign-in states, pull-to-refresh, large-font mode, the
// app's toast and a crash guard, so a page is only its content.
import { useEffect, useState, type ReactNode } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import BigButton from '@/components/BigButton'
import { dial } from '@/components/CallBar'
import { loadStation } from '@/hooks/useStation'
import NavBar from '@/components/NavBar'
import PrivacySheet from '@/components/PrivacySheet'
import ToastHost from '@/components/Toast'
import DialogHost from '@/components/Dialog'
import { useLargeFont } from '@/hooks/useLargeFont'
import type { AsyncState } from '@/hooks/useAsync'
import type { CallError } from '@/services/errors'
import { getDevOpenid } from '@/services/devIdentity'
import { definedProps } from '@/components/definedProps'
import { showRoute, tabIndexOf } from '@/services/tabBar'
import ErrorBoundary from './ErrorBoundary'
import { toast } from '@/services/toast'
import './index.scss'

export interface EmptyStateProps {
  /** A short emoji-free symbol shown large, e.g. '✓' or '!' (plain text renders everywhere). */
  icon?: string
  text: string
  actionText?: string
  onAction?: () => void
}

/** A way out of a page that cannot show what was asked for (e.g. 回我的举报). */
export interface PageExit {
  text: string
  onTap: () => void
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
  /** Ways out offered when the page's error cannot be fixed by retrying (没有找到 / 没有权限); 回首页 and 打电话问派出所
   * are always added. */
  exits?: PageExit[]
  /** The navigation bar's title when the page's config (navigationBarTitleText) does not say enough. */
  title?: string
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

/** Errors that retrying cannot change: the page offers ways out instead of 重试. */
const DEAD_ENDS: ReadonlySet<string> = new Set(['not_found', 'forbidden', 'invalid_argument', 'transition_not_allowed', 'unauthenticated'])

export function isDeadEnd(error: Pick<CallError, 'code'>): boolean {
  return DEAD_ENDS.has(error.code)
}

const goHome = () => void Taro.switchTab({ url: '/pages/home/index' })

function callStation() {
  void loadStation()
    .then((s) => dial(s.phone))
    .catch(() => toast('没找到派出所电话，有急事请打110', { kind: 'error' }))
}

export function ErrorView({ message, onRetry, exits }: { message: string; onRetry?: () => void; exits?: PageExit[] }) {
  return (
    <View className='fq-shell__state' id='shell-error'>
      <Text className='fq-shell__icon fq-shell__icon--error'>!</Text>
      <Text className='fq-shell__message'>{message}</Text>
      {onRetry ? (
        <BigButton id='shell-retry' onClick={onRetry}>
          重试
        </BigButton>
      ) : null}
      {exits ? (
        <>
          {exits.map((e, i) => (
            <BigButton key={e.text} id={`shell-exit-${i}`} kind={i === 0 && !onRetry ? 'primary' : 'plain'} onClick={e.onTap}>
              {e.text}
            </BigButton>
          ))}
          <BigButton id='shell-home' kind={exits.length === 0 && !onRetry ? 'primary' : 'plain'} onClick={goHome}>
            回首页
          </BigButton>
          <BigButton id='shell-call' kind='plain' onClick={callStation}>
            打电话问派出所
          </BigButton>
        </>
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
  const { children, state, empty, needProfile, skipDevIdentity, id, title } = props
  const [large] = useLargeFont()
  // weapp's tab bar is our own, fixed over the page bottom: tab pages keep room for it, and showing one selects its tab.
  const [route] = useState(() => (process.env.TARO_ENV === 'weapp' ? (Taro.getCurrentInstance().router?.path ?? '') : ''))
  const tabbed = tabIndexOf(route) >= 0
  useDidShow(() => showRoute(route))
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
  else if (error && !hasData) {
    const dead = isDeadEnd(error)
    body = <ErrorView message={error.message} onRetry={onRetry && !dead ? () => void onRetry() : undefined} exits={dead ? (props.exits ?? []) : undefined} />
  }
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
    <View className={`fq-page${large ? ' fq-large' : ''}${tabbed ? ' fq-page--tabbed' : ''}`} {...definedProps({ id })}>
      <NavBar title={title} large={large} />
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
      <ToastHost />
      <DialogHost />
    </View>
  )
}
