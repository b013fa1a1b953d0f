// The weapp tab bar (tabBar.custom in app.config.ts): WeChat's own bar has 10–12 px labels the app cannot change, this
// one has big touch targets and, in 长辈模式, large bold labels with stronger contrast. h5 keeps Taro's tab bar.
import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { useLargeFont } from '@/hooks/useLargeFont'
import { TABS, getTabState, onTabStateChange, selectTab } from '@/services/tabBar'
import './index.scss'

export default function CustomTabBar() {
  const [large] = useLargeFont()
  const [tab, setTab] = useState(getTabState)
  useEffect(() => {
    // A change between the first render and this subscription (a sheet opening at launch) is not missed.
    setTab(getTabState())
    return onTabStateChange(setTab)
  }, [])
  if (tab.hidden) return null
  return (
    <View id='tabbar' className={`fq-tabbar${large ? ' fq-tabbar--care' : ''}`}>
      {TABS.map((t, i) => {
        const on = i === tab.current
        const badge = i === 0 ? tab.badge : ''
        return (
          <View
            key={t.pagePath}
            id={`tab-${i}`}
            className={`fq-tabbar__item${on ? ' fq-tabbar__item--on' : ''}`}
            onClick={() => selectTab(i)}
          >
            <View className='fq-tabbar__icon-box'>
              <Image className='fq-tabbar__icon' src={on ? t.activeIcon : t.icon} />
              {badge ? (
                <Text id='tab-badge' className='fq-tabbar__badge'>
                  {badge}
                </Text>
              ) : null}
            </View>
            <Text id={`tab-label-${i}`} className='fq-tabbar__label'>
              {t.text}
            </Text>
          </View>
        )
      })}
    </View>
  )
}
