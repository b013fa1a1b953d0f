// The station's phone, hours and villages: fetched once per app session and kept on the phone for weak networks.
import { useCallback } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import type { Station } from '@contract/account'
import { call } from '@/services/client'
import { useAsync, type AsyncState } from './useAsync'

const KEY = 'fq_station'
let inFlight: Promise<Station> | undefined

function cached(): Station | undefined {
  try {
    const v: unknown = Taro.getStorageSync(KEY)
    return v && typeof v === 'object' && 'phone' in v ? (v as Station) : undefined
  } catch {
    return undefined
  }
}

/** Fresh from the server; falls back to the last copy on the phone when the network is down. */
export function loadStation(force = false): Promise<Station> {
  if (!inFlight || force) {
    inFlight = call('account.station', {})
      .then((s) => {
        Taro.setStorageSync(KEY, s)
        return s
      })
      .catch((e: unknown) => {
        inFlight = undefined
        const copy = cached()
        if (copy) return copy
        throw e
      })
  }
  return inFlight
}

/** Forget the in-memory copy (tests; after an admin edits the station). */
export function resetStationCache(): void {
  inFlight = undefined
}

/**
 * The station for a page. It is optional content (the call button, the village list), so a failed load is not
 * shown as a page error; it is tried again when the page shows again, or when the page calls `reload`.
 */
export function useStation(): AsyncState<Station> {
  const state = useAsync(() => loadStation(), [])
  const { reload: reloadState } = state
  const reload = useCallback(() => {
    resetStationCache()
    return reloadState()
  }, [reloadState])
  useDidShow(() => {
    if (state.error && state.data === undefined && !state.loading) void reload()
  })
  return { ...state, reload }
}
