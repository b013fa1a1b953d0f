// The app's own navigation bar, drawn by PageShell on every page (app.config.ts sets navigationStyle 'custom'):
// WeChat's native bar keeps a fixed 17 px title whatever 长辈模式 says, so the app draws the title and the back control
// itself, as the 长辈版 of government mini-programs do. On weapp it lines up with the capsule (the menu button) and keeps
// clear of it; on h5, where there is no navigation bar at all, the same bar is the page's only back control.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { confirmLeave } from '@/hooks/useLeaveGuard'
import './index.scss'

/** What the control at the left does: back to the page behind, 回首页 when there is none (a share, a scan), or nothing
 * on a tab page. */
export type NavBack = 'back' | 'home' | null

/** Where things sit, in CSS px. `row` is the capsule's row (the title is centred on it); `height` is the row plus room
 * below it for a back target of at least 48 px in 长辈模式; `side` is kept free on both sides so the title is centred on
 * the screen and never runs under the capsule. */
export interface NavGeometry {
  statusBar: number
  row: number
  height: number
  side: number
}

/** Tab pages and the h5 dev sign-in: no back control. */
const ROOTS = ['pages/home/index', 'pages/services/index', 'pages/report/index', 'pages/me/index', 'pages/dev-login/index']
const HOME = '/pages/home/index'
/** The smallest touch target for an elderly finger (长辈模式), in CSS px. */
export const CARE_TOUCH = 48

export function navBack(): NavBack {
  const pages = Taro.getCurrentPages()
  const route = (pages[pages.length - 1]?.route ?? '').replace(/^\//, '').split('?')[0]
  if (ROOTS.includes(route)) return null
  return pages.length > 1 ? 'back' : 'home'
}

/** The page's own title: its config's navigationBarTitleText (WeChat no longer draws it), else the app's name. */
export function navTitle(): string {
  const config = Taro.getCurrentInstance().page?.config as { navigationBarTitleText?: string } | undefined
  return config?.navigationBarTitleText || '枫桥警民通'
}

interface Rect {
  top: number
  left: number
  height: number
}

let capsule: Omit<NavGeometry, 'height'> | undefined

/** weapp: the status bar and the capsule, asked once (they do not move while the app runs). */
function capsuleGeometry(): Omit<NavGeometry, 'height'> {
  if (capsule) return capsule
  const win = Taro.getWindowInfo()
  const statusBar = win.statusBarHeight || 0
  let menu: Rect | undefined
  try {
    menu = Taro.getMenuButtonBoundingClientRect()
  } catch {
    menu = undefined
  }
  // Some Android builds answer zeros right after launch: fall back to the capsule's usual place (and ask again later).
  const known = !!menu && menu.height > 0 && menu.top >= statusBar
  if (!known) menu = { top: statusBar + 4, left: win.windowWidth - 94, height: 32 }
  const m = menu as Rect
  const found = { statusBar, row: (m.top - statusBar) * 2 + m.height, side: Math.max(win.windowWidth - m.left, CARE_TOUCH) }
  if (known) capsule = found
  return found
}

export function navGeometry(large: boolean): NavGeometry {
  if (process.env.TARO_ENV !== 'weapp') {
    // h5: no status bar, no capsule; the back control is the only thing at the side (回首页 fits in 96 px in 长辈模式
    // too, which leaves 8 characters of 22 px title on a 375 px phone).
    const row = large ? 56 : 48
    return { statusBar: 0, row, height: row, side: 96 }
  }
  const c = capsuleGeometry()
  return { ...c, height: large ? Math.max(c.row, CARE_TOUCH) : c.row }
}

const goHome = () => void Taro.switchTab({ url: HOME })

export interface NavBarProps {
  /** Shown instead of the page config's title (a page that names what it shows). */
  title?: string
  large: boolean
}

export default function NavBar({ title, large }: NavBarProps) {
  // Read once, when the page is made: the stack under a page and the phone's geometry do not change while it is open.
  const [back] = useState(navBack)
  const [pageTitle] = useState(navTitle)
  const g = navGeometry(large)
  const below = g.height - g.row
  const onBack = () =>
    void confirmLeave().then((leave) => {
      if (!leave) return
      if (back === 'back') void Taro.navigateBack().catch(goHome)
      else goHome()
    })
  return (
    <View id='nav-bar' className={`fq-nav${large ? ' fq-nav--care' : ''}`} style={{ paddingTop: `${g.statusBar}px` }}>
      <View id='nav-row' className='fq-nav__row' style={{ height: `${g.height}px`, padding: `0 ${g.side}px ${below}px` }}>
        {back ? (
          <View id='nav-back' className='fq-nav__back' style={{ width: `${g.side}px`, height: `${g.height}px`, paddingBottom: `${below}px` }} onClick={onBack}>
            <View className='fq-nav__arrow' />
            <Text id='nav-back-text' className='fq-nav__back-text'>
              {back === 'back' ? '返回' : '回首页'}
            </Text>
          </View>
        ) : null}
        <Text id='nav-title' className='fq-nav__title' style={{ lineHeight: `${g.row}px` }}>
          {title || pageTitle}
        </Text>
      </View>
    </View>
  )
}
