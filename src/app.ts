// App entry: starts the WeChat cloud on weapp and hosts the pages.
import { type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { installPrivacyListener } from '@/services/privacyGate'
import { installCareMode } from '@/services/careMode'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    installCareMode()
    if (process.env.TARO_ENV === 'weapp') {
      // An empty env id means the mini-program's default CloudBase environment.
      const env = process.env.TARO_APP_CLOUD_ENV
      Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
      installPrivacyListener()
    }
  })
  return children
}

export default App
