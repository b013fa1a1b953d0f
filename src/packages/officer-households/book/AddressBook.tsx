// The address book: by 村 and 社, or a search over address, owner and names; declarations waiting on top.
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { Village } from '@contract/account'
import type { AddressListItem, ClaimView, GroupView } from '@contract/households'
import BigButton from '@/components/BigButton'
import { EmptyView } from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { formatDateTime } from '@/services/time'
import AddressForm from '../shared/AddressForm'
import ClaimCard from '../shared/ClaimCard'
import Scope from '../shared/Scope'
import '../shared/officer-hh.scss'

const go = (url: string) => void Taro.navigateTo({ url })

export function AddressCard({ a }: { a: AddressListItem }) {
  return (
    <View className={`fq-hh-card${a.lastVisitAt ? '' : ' fq-hh-card--never'}`} id={`address-${a.id}`} onClick={() => go(`/packages/officer-households/detail/index?id=${encodeURIComponent(a.id)}`)}>
      <Text className='fq-hh-card__title'>{`${a.villageName}${a.group}${a.number}号${a.room ? ` ${a.room}` : ''}`}</Text>
      <Text className='fq-hh-line'>{`${a.house.useLabel}・房主 ${a.house.ownerName || '未登记'}・${a.people}人`}</Text>
      <Text className='fq-muted'>{a.lastVisitAt ? `上次走访 ${formatDateTime(a.lastVisitAt)}` : '还没走访过'}</Text>
      {a.plateId ? null : <Text className='fq-hh-warn'>还没有门牌码</Text>}
      {a.warnings.map((w) => (
        <Text className='fq-hh-warn' key={w}>
          {w}
        </Text>
      ))}
    </View>
  )
}

export interface AddressBookProps {
  villages: readonly Village[]
  groups: readonly GroupView[]
  claims: ClaimView[]
  /** Opened on one 社 (from the coverage list). */
  initialVillageId?: string
  initialGroup?: string
}

export default function AddressBook({ villages, groups, claims: firstClaims, initialVillageId, initialGroup }: AddressBookProps) {
  const [villageId, setVillageId] = useState(initialVillageId || villages[0]?.id || '')
  const [group, setGroup] = useState(initialGroup ?? '')
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [claims, setClaims] = useState(firstClaims)
  const [adding, setAdding] = useState(false)
  useEffect(() => setClaims(firstClaims), [firstClaims])
  // A search looks across the whole jurisdiction: names are easier to remember than 社.
  const list = useAsync(() => call('households.searchAddresses', q ? { q } : { villageId, ...(group ? { group } : {}) }), [villageId, group, q])
  const [more, setMore] = useState<AddressListItem[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const paging = useAction()
  useEffect(() => {
    setMore([])
    setCursor(list.data?.nextCursor ?? null)
  }, [list.data])
  const loadMore = async () => {
    if (!cursor) return
    const page = await paging.run(() => call('households.searchAddresses', { ...(q ? { q } : { villageId, ...(group ? { group } : {}) }), cursor }))
    if (page) {
      setMore((m) => [...m, ...page.items])
      setCursor(page.nextCursor)
    }
  }
  const items = [...(list.data?.items ?? []), ...more]
  const pending = claims.filter((c) => c.status === 'pending')

  return (
    <View id='address-book'>
      <View className='fq-hh-tools'>
        <View className='fq-hh-tool' id='tool-plates' onClick={() => go('/packages/officer-households/plates/index')}>
          <Text>门牌</Text>
        </View>
        <View className='fq-hh-tool' id='tool-coverage' onClick={() => go('/packages/officer-households/coverage/index')}>
          <Text>走访覆盖</Text>
        </View>
        <View className='fq-hh-tool' id='tool-import' onClick={() => go('/packages/officer-households/import/index')}>
          <Text>导入导出</Text>
        </View>
      </View>
      <BigButton id='visit-field' kind='plain' onClick={() => go('/packages/officer-households/visit/index?kind=field')}>
        记一次田间走访
      </BigButton>

      {claims.length > 0 ? (
        <View id='claims'>
          <Text className='fq-title'>{pending.length > 0 ? `等您确认的申报（${pending.length}）` : '申报都处理好了'}</Text>
          {claims.map((c) => (
            <ClaimCard key={c.id} claim={c} onDecided={(done) => setClaims((cs) => cs.map((x) => (x.id === done.id ? done : x)))} />
          ))}
        </View>
      ) : null}

      <Text className='fq-title'>地址和住户</Text>
      <View className='fq-hh-search'>
        <Input id='search-input' value={typed} placeholder='搜地址、房主或住户姓名' confirmType='search' onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setQ(typed.trim())} />
      </View>
      {q ? (
        <View className='fq-hh-row'>
          <Text id='search-summary'>{`搜“${q}”的结果`}</Text>
          <View
            className='fq-hh-small'
            id='search-clear'
            onClick={() => {
              setTyped('')
              setQ('')
            }}
          >
            <Text>清除</Text>
          </View>
        </View>
      ) : (
        <Scope villages={villages} villageId={villageId} group={group} groups={groups} onVillage={(v) => (setVillageId(v), setGroup(''))} onGroup={setGroup} />
      )}
      {typed.trim() && typed.trim() !== q ? (
        <BigButton id='search-go' onClick={() => setQ(typed.trim())}>
          搜索
        </BigButton>
      ) : null}

      {adding ? (
        <AddressForm
          villages={villages}
          defaultVillageId={villageId}
          onSaved={(saved) => {
            setAdding(false)
            go(`/packages/officer-households/detail/index?id=${encodeURIComponent(saved.id)}`)
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <BigButton kind='plain' id='address-add' onClick={() => setAdding(true)}>
          新增地址
        </BigButton>
      )}

      {list.loading && !list.data ? <Text className='fq-muted'>正在加载…</Text> : null}
      {list.error ? (
        <View>
          <Text className='fq-hh-error' id='list-error'>
            {list.error.message}
          </Text>
          <BigButton kind='plain' id='list-retry' onClick={() => void list.reload()}>
            重试
          </BigButton>
        </View>
      ) : null}
      {list.data && items.length === 0 ? <EmptyView text={q ? '没有搜到，换个字再试，比如只写姓。' : '这里还没有登记地址。可以在“导入导出”里导入表格。'} /> : null}
      <View id='address-list'>
        {items.map((a) => (
          <AddressCard a={a} key={a.id} />
        ))}
      </View>
      {cursor ? (
        <BigButton kind='plain' id='list-more' busy={paging.busy} onClick={() => void loadMore()}>
          再看20户
        </BigButton>
      ) : null}
      {paging.error ? <Text className='fq-hh-error'>{paging.error}</Text> : null}
    </View>
  )
}
