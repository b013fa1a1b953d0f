/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform being built; decides the call transport once. */
    TARO_ENV: 'weapp' | 'h5' | string
    /** WeChat appid used when Taro writes dist/weapp/project.config.json (see docs/wechat.md). */
    TARO_APP_ID?: string
    /** CloudBase environment id; empty means the mini-program's default environment. */
    TARO_APP_CLOUD_ENV?: string
  }
}
