// 隐私政策: the whole privacy policy in plain words, linked from the consent sheet.
import { Text, View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import { PRIVACY_DISAGREE_NOTE, PRIVACY_INTRO, PRIVACY_ITEMS, PRIVACY_PROMISE, PRIVACY_SECTIONS } from '@/privacy'
import './index.scss'

export default function PrivacyPolicyPage() {
  return (
    <PageShell id='page-privacy-policy'>
      <View className='fq-card'>
        <Text className='fq-title'>枫桥警民通隐私政策</Text>
        <Text className='fq-policy__p'>{PRIVACY_INTRO}</Text>
      </View>
      <View className='fq-card' id='policy-items'>
        <Text className='fq-title'>用到哪些信息、做什么用</Text>
        {PRIVACY_ITEMS.map((item) => (
          <View key={item.what} className='fq-policy__item'>
            <Text className='fq-policy__what'>{item.what}</Text>
            <Text>{item.why}</Text>
          </View>
        ))}
      </View>
      {PRIVACY_SECTIONS.map((sec) => (
        <View className='fq-card' key={sec.title}>
          <Text className='fq-title'>{sec.title}</Text>
          {sec.lines.map((line) => (
            <Text key={line} className='fq-policy__p'>
              {line}
            </Text>
          ))}
        </View>
      ))}
      <View className='fq-card'>
        <Text className='fq-policy__p'>{PRIVACY_PROMISE}</Text>
        <Text className='fq-policy__p'>{PRIVACY_DISAGREE_NOTE}</Text>
      </View>
    </PageShell>
  )
}
