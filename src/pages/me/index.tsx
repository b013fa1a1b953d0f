// 我的: the person's profile and its form, large-font mode, one-tap calls, and the officer entry.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Switch, Text, View } from '@tarojs/components'
import type { Role } from '@contract/core'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import CallBar from '@/components/CallBar'
import InviteRedeem from '@/components/InviteRedeem'
import SurveyEntry from '@/components/SurveyEntry'
import ProfileForm, { hasProfileDraft } from '@/components/ProfileForm'
import { useCall } from '@/hooks/useAsync'
import { useLargeFont } from '@/hooks/useLargeFont'
import { useStation } from '@/hooks/useStation'
import './index.scss'

export const ROLE_LABELS: Record<Role, string> = { resident: '村民', officer: '民警', admin: '管理员' }

export default function MePage() {
  const me = useCall('account.me', {})
  const station = useStation()
  const [large, setLarge] = useLargeFont()
  const [editing, setEditing] = useState(hasProfileDraft)
  const [inviteOpen, setInviteOpen] = useState(false)
  const profile = me.data

  // The form needs the station's village list. If that has not come yet (or failed), the person still sees that
  // their tap did something: a loading line, or the reason and a retry.
  const wantForm = Boolean(profile && (editing || !profile.profileComplete))
  const startEditing = () => {
    setEditing(true)
    if (!station.data && !station.loading) void station.reload()
  }

  return (
    <PageShell id='page-me' state={me} onRefresh={() => Promise.all([me.reload(), station.reload()]).then(() => undefined)}>
      {profile ? (
        <>
          {wantForm && station.data ? (
            <ProfileForm
              profile={profile}
              villages={station.data.villages}
              onSaved={(p) => {
                me.setData(p)
                setEditing(false)
              }}
              onCancel={profile.profileComplete ? () => setEditing(false) : undefined}
            />
          ) : wantForm ? (
            <View className='fq-card' id='profile-form-waiting'>
              <Text className='fq-title'>填写我的资料</Text>
              {station.error && !station.loading ? (
                <>
                  <Text className='fq-me__notice' id='station-error'>
                    {`村的名单没有加载出来。${station.error.message}`}
                  </Text>
                  <BigButton id='station-retry' onClick={() => void station.reload()}>
                    重试
                  </BigButton>
                </>
              ) : (
                <Text className='fq-me__notice'>正在加载村的名单…</Text>
              )}
              {profile.profileComplete ? (
                <BigButton kind='plain' id='cancel-edit' onClick={() => setEditing(false)}>
                  不改了
                </BigButton>
              ) : null}
            </View>
          ) : (
            <View className='fq-card' id='profile-card'>
              <Text className='fq-title'>{profile.name || '还没填姓名'}</Text>
              <View className='fq-me__line'>
                <Text className='fq-me__key'>身份</Text>
                <Text id='profile-role'>{ROLE_LABELS[profile.role]}</Text>
              </View>
              <View className='fq-me__line'>
                <Text className='fq-me__key'>手机</Text>
                <Text id='profile-phone'>{profile.phone}</Text>
              </View>
              <View className='fq-me__line'>
                <Text className='fq-me__key'>村</Text>
                <Text id='profile-village'>{profile.villageName}</Text>
              </View>
              <View className='fq-me__line'>
                <Text className='fq-me__key'>住址</Text>
                <Text>{profile.address || '没填'}</Text>
              </View>
              <BigButton kind='plain' id='edit-profile' className='fq-me__edit' onClick={startEditing}>
                修改资料
              </BigButton>
            </View>
          )}
          <SurveyEntry id='me-survey-entry' />
          <BigButton kind='plain' id='my-home' onClick={() => void Taro.navigateTo({ url: '/packages/household/home/index' })}>
            我的家（家人、租户、门牌）
          </BigButton>
          {profile.role === 'officer' || profile.role === 'admin' ? (
            <BigButton id='staff-hub' onClick={() => void Taro.navigateTo({ url: '/packages/staff/index/index' })}>
              民警工作台
            </BigButton>
          ) : null}

          <View className='fq-card fq-row' id='large-font-row'>
            <View className='fq-me__switch-text'>
              <Text className='fq-me__switch-label'>长辈模式</Text>
              <Text className='fq-muted'>字更大、按钮更大，底下的菜单也变大</Text>
            </View>
            <Switch id='large-font' checked={large} color='#1b4f9c' onChange={(e) => setLarge(Boolean(e.detail.value))} />
          </View>

          <CallBar stationPhone={station.data?.phone} />

          {/* Villagers need none of this: the invite box stays folded behind one plain line. */}
          {profile.role === 'resident' ? (
            inviteOpen ? (
              <InviteRedeem onJoined={(p) => me.setData(p)} />
            ) : (
              <View className='fq-me__fold' id='open-invite' onClick={() => setInviteOpen(true)}>
                <Text>我是民警，有邀请码 ›</Text>
              </View>
            )
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}
