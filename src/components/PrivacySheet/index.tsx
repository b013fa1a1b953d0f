// First-launch privacy consent. On weapp the agree button is WeChat's agreePrivacyAuthorization button.
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import BigButton from '@/components/BigButton'
import Sheet from '@/components/Sheet'
import { AGREE_BUTTON_ID, agreePrivacy, disagreePrivacy, isPrivacySheetOpen, onPrivacySheetChange } from '@/services/privacyGate'
import { PRIVACY_DISAGREE_NOTE, PRIVACY_INTRO, PRIVACY_ITEMS, PRIVACY_PROMISE, PRIVACY_TITLE } from '@/privacy'
import './index.scss'

export const PRIVACY_POLICY_URL = '/packages/privacy/policy/index'

/** The full 隐私政策: WeChat's own page for the mini-program's privacy contract on weapp, the app's page elsewhere. */
export function openPrivacyPolicy(): void {
  const fallback = () => void Taro.navigateTo({ url: PRIVACY_POLICY_URL })
  if (process.env.TARO_ENV === 'weapp' && typeof Taro.openPrivacyContract === 'function') {
    Promise.resolve(Taro.openPrivacyContract({})).catch(fallback)
    return
  }
  fallback()
}

export default function PrivacySheet() {
  const [open, setOpen] = useState(isPrivacySheetOpen)
  useEffect(() => {
    setOpen(isPrivacySheetOpen())
    return onPrivacySheetChange(setOpen)
  }, [])
  const weapp = process.env.TARO_ENV === 'weapp'
  return (
    <Sheet open={open} title={PRIVACY_TITLE} id='privacy-sheet'>
      <Text className='fq-privacy__text'>{PRIVACY_INTRO}</Text>
      <View className='fq-privacy__list'>
        {PRIVACY_ITEMS.map((item) => (
          <View className='fq-privacy__item' key={item.what}>
            <Text className='fq-privacy__what'>{item.what}</Text>
            <Text className='fq-privacy__why'>{item.why}</Text>
          </View>
        ))}
      </View>
      <Text className='fq-privacy__text'>{PRIVACY_PROMISE}</Text>
      <View className='fq-privacy__link' id='privacy-policy-link' onClick={openPrivacyPolicy}>
        <Text>看完整的隐私政策 ›</Text>
      </View>
      <BigButton
        id={AGREE_BUTTON_ID}
        openType={weapp ? 'agreePrivacyAuthorization' : undefined}
        onAgreePrivacyAuthorization={weapp ? agreePrivacy : undefined}
        onClick={weapp ? undefined : agreePrivacy}
      >
        同意，继续使用
      </BigButton>
      <BigButton kind='plain' id='privacy-disagree' onClick={disagreePrivacy}>
        不同意
      </BigButton>
      <Text className='fq-privacy__note'>{PRIVACY_DISAGREE_NOTE}</Text>
    </Sheet>
  )
}
