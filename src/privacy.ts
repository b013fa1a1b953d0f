// What the app collects and why, in plain words; shown in the privacy sheet on first launch.
export const PRIVACY_TITLE = '个人信息保护说明'

export const PRIVACY_INTRO = '枫桥警民通是派出所为村民办事、报警提醒做的小程序。使用前请看一下我们会用到您的哪些信息。'

export interface PrivacyItem {
  what: string
  why: string
}

export const PRIVACY_ITEMS: readonly PrivacyItem[] = [
  { what: '姓名', why: '民警办事时知道是谁' },
  { what: '手机号', why: '有事能打电话联系您' },
  { what: '所在村', why: '给您发本村的预警' },
  { what: '住址', why: '上门办事时能找到您' },
  { what: '照片', why: '举报时留下证据，只给民警看' },
  { what: '位置', why: '举报时告诉民警在哪里发生' },
]

export const PRIVACY_PROMISE = '这些信息只给本派出所的民警办事用，不会给别人，也不会拿去卖。您可以随时打电话给派出所要求删除。'

export const PRIVACY_DISAGREE_NOTE = '不同意也可以看预警和打电话。填资料、预约、举报需要先同意。'
