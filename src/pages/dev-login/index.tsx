// H5 only (local cloud): choose which seeded person the gateway acts as. Never part of the weapp build.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { DEV_IDENTITIES, getDevOpenid, setDevOpenid } from '@/services/devIdentity'

export default function DevLoginPage() {
  const current = getDevOpenid()
  return (
    <PageShell id='page-dev-login' skipDevIdentity>
      <View className='fq-card'>
        <Text className='fq-title'>选择身份（本地开发用）</Text>
        <Text className='fq-muted'>{current ? `现在是：${current}` : '还没有选择身份'}</Text>
      </View>
      {DEV_IDENTITIES.map((who) => (
        <BigButton
          key={who.openid}
          id={`dev-login-${who.openid}`}
          kind={who.openid === current ? 'primary' : 'plain'}
          onClick={() => {
            setDevOpenid(who.openid)
            void Taro.reLaunch({ url: '/pages/home/index' })
          }}
        >
          {`${who.label}（${who.openid}）`}
        </BigButton>
      ))}
    </PageShell>
  )
}
