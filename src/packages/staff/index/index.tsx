// 民警工作台: the officer's starting point. Feature pages plug in here as they open.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useCall } from '@/hooks/useAsync'
import './index.scss'

interface HubEntry {
  /** For the element id (`staff-<key>`). */
  key: string
  title: string
  note: string
  /** Unset while the feature is not open yet. */
  url?: string
}

const OFFICER_ENTRIES: readonly HubEntry[] = [
  { key: 'alerts', title: '发布预警', note: '给村民发防骗、安全提醒，看谁还没知道', url: '/packages/officer-alerts/index/index' },
  { key: 'services', title: '预约办事', note: '今天的预约和签到，代办、上门申请，办公时间设置', url: '/packages/officer-services/agenda/index' },
  { key: 'catalog', title: '业务清单', note: '群众能办哪些业务，要带什么材料，能不能代办、上门', url: '/packages/officer-services/catalog/index' },
  { key: 'reports', title: '举报处理', note: '受理村民的举报，看超时和同类案件', url: '/packages/officer-reports/index/index' },
  { key: 'figures', title: '本所数字', note: '本月举报、预约、预警、回访和调解，同比环比，导出表格', url: '/packages/figures/index/index' },
  { key: 'followups', title: '回访', note: '电话、上门问问群众满意不满意；所长处理不满意', url: '/packages/followup/staff/index' },
  { key: 'households', title: '一标三实', note: '按村、社查地址和住户，确认申报，记走访', url: '/packages/officer-households/book/index' },
  { key: 'plates', title: '二维码门牌', note: '生成门牌码，打印门牌纸', url: '/packages/officer-households/plates/index' },
  { key: 'coverage', title: '走访覆盖', note: '每个社这个季度走访了多少户，哪些户还没去过', url: '/packages/officer-households/coverage/index' },
]

export default function StaffHubPage() {
  const me = useCall('account.me', {})
  const profile = me.data
  const isStaff = profile?.role === 'officer' || profile?.role === 'admin'
  return (
    <PageShell
      id='page-staff'
      state={me}
      empty={profile && !isStaff ? { icon: '!', text: '这里是民警用的。您还不是民警，如需加入请找派出所要邀请码。' } : false}
    >
      {profile ? (
        <>
          <View className='fq-card'>
            <Text className='fq-title'>{`${profile.name || '民警'}，您好`}</Text>
          </View>
          {OFFICER_ENTRIES.map(({ key, title, note, url }) => (
            // The whole card is the tap target: no small button to aim for.
            <View
              className='fq-card fq-staff__entry'
              key={key}
              id={`staff-${key}`}
              hoverClass={url ? 'fq-staff__entry--down' : 'none'}
              onClick={url ? () => void Taro.navigateTo({ url }) : undefined}
            >
              <View className='fq-staff__text'>
                <Text className='fq-staff__title'>{title}</Text>
                <Text className='fq-muted'>{note}</Text>
                {url ? null : <Text className='fq-staff__soon'>即将开放</Text>}
              </View>
              {url ? <Text className='fq-staff__go'>›</Text> : null}
            </View>
          ))}
          {profile.role === 'admin' ? (
            <BigButton id='staff-invites' onClick={() => void Taro.navigateTo({ url: '/packages/staff/invites/index' })}>
              邀请民警 / 人员管理
            </BigButton>
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}
