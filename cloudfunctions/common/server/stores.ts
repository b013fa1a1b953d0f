// The runtime's stores backed by the database: callers from `users`, idempotency records in `requests`.
import type { Result } from '@contract/core'
import type { DB } from 'wx-server-sdk'
import { findById, insert, removeById, updateById, updateWhere } from './db'
import type { CallerDirectory, Claim, RequestLedger } from './dispatch'
import type { UserDoc } from './types'
import { REQUESTS, USERS } from '@server/collections'


/** A claim older than this is from an invocation that died (function timeouts are ≤ 60 s); a retry may take it over. */
export const STALE_CLAIM_MS = 90_000

export interface RequestDoc {
  _id: string
  status: 'pending' | 'done'
  result?: Result<unknown>
  createdAt: Date
  updatedAt: Date
}

export function userDirectory(db: DB.Database): CallerDirectory {
  return { find: (openid) => findById<UserDoc>(db, USERS, openid) }
}

function toClaim(doc: RequestDoc): Claim {
  return doc.status === 'done' && doc.result ? { state: 'done', result: doc.result } : { state: 'pending' }
}

export function requestLedger(db: DB.Database): RequestLedger {
  const _ = db.command
  return {
    async claim(key, now) {
      try {
        await insert<RequestDoc>(db, REQUESTS, { _id: key, status: 'pending', createdAt: now, updatedAt: now })
        return { state: 'claimed' }
      } catch (err) {
        // The insert fails when the key exists (unique _id); anything else is a real error.
        const existing = await findById<RequestDoc>(db, REQUESTS, key)
        if (!existing) throw err
        if (existing.status === 'pending' && now.getTime() - new Date(existing.updatedAt).getTime() > STALE_CLAIM_MS) {
          const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS)
          const taken = await updateWhere(db.collection(REQUESTS).where({ _id: key, status: 'pending', updatedAt: _.lt(staleBefore) }), { updatedAt: now })
          if (taken === 1) return { state: 'claimed' }
        }
        return toClaim(existing)
      }
    },
    async peek(key) {
      const doc = await findById<RequestDoc>(db, REQUESTS, key)
      return doc ? toClaim(doc) : null
    },
    async complete(key, result, now) {
      // `_.set` stores the result as given; a plain object would be merged field by field.
      await updateById(db, REQUESTS, key, { status: 'done', result: _.set(result), updatedAt: now })
    },
    async release(key) {
      await removeById(db, REQUESTS, key)
    },
    async takeOver(key, now) {
      return (await updateWhere(db.collection(REQUESTS).where({ _id: key, status: 'pending' }), { updatedAt: now })) === 1
    },
  }
}
