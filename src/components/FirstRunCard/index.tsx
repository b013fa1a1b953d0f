// First run on 首页: a person who has not said which village they live in is asked that before anything else,
// with every village as a big button. One tap saves it (account.setVillage); name and phone can come later.
import { Text, View } from '@tarojs/components'
import type { Profile, Village } from '@contract/account'
import BigButton from '@/components/BigButton'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { CONSENT_REFUSED, requireConsent } from '@/services/privacyGate'
import './index.scss'

export interface FirstRunCardProps {
  villages: readonly Village[]
  /** The villages have not come yet (or failed): the card says so and offers to try again. */
  villagesError?: string
  onRetryVillages?: () => void
  onChosen: (profile: Profile) => void
}

export const FIRST_RUN_TITLE = '选一下您住哪个村，才能收到本村的防骗提醒'

export default function FirstRunCard({ villages, villagesError, onRetryVillages, onChosen }: FirstRunCardProps) {
  const { busy, error, fail, run } = useAction()

  const choose = async (villageId: string) => {
    if (busy) return
    if (!(await requireConsent())) {
      fail(CONSENT_REFUSED)
      return
    }
    const profile = await run(() => call('account.setVillage', { villageId }))
    if (profile) onChosen(profile)
  }

  return (
    <View className='fq-card fq-first-run' id='first-run'>
      <Text className='fq-first-run__title'>{FIRST_RUN_TITLE}</Text>
      <Text className='fq-muted'>点您住的村。全部村都要看的提醒，在下面已经能看到。</Text>
      {villages.length > 0 ? (
        <View className='fq-first-run__grid' id='first-run-villages'>
          {villages.map((v) => (
            <View key={v.id} id={`first-run-${v.id}`} className={`fq-first-run__village${busy ? ' fq-first-run__village--busy' : ''}`} onClick={() => void choose(v.id)}>
              <Text>{v.name}</Text>
            </View>
          ))}
        </View>
      ) : villagesError ? (
        <>
          <Text className='fq-first-run__error'>{`村的名单没打开：${villagesError}`}</Text>
          {onRetryVillages ? (
            <BigButton id='first-run-retry' kind='plain' onClick={onRetryVillages}>
              再试一次
            </BigButton>
          ) : null}
        </>
      ) : (
        <Text className='fq-muted'>正在找村的名单…</Text>
      )}
      {busy ? <Text className='fq-muted'>正在保存…</Text> : null}
      {error ? (
        <Text className='fq-first-run__error' id='first-run-error'>
          {error === CONSENT_REFUSED ? error : `没有存上：${error}。请再点一次您住的村。`}
        </Text>
      ) : null}
    </View>
  )
}
