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

export const PRIVACY_DISAGREE_NOTE = '不同意也可以看预警和打电话。填资料、预约、举报时会再问您一次，同意了才会交上去。'

export interface PrivacySection {
  title: string
  lines: readonly string[]
}

/** The rest of the full policy page (隐私政策), after what is collected and why. */
export const PRIVACY_SECTIONS: readonly PrivacySection[] = [
  {
    title: '谁能看到',
    lines: [
      '您的资料、预约和举报，只有本派出所的民警能看到。列表里的电话和证件号会遮住一部分。',
      '匿名举报时，民警看不到您是谁。',
      '民警查看您的电话等信息时，系统会记下是谁、什么时候看的。',
    ],
  },
  {
    title: '什么时候问您同意',
    lines: ['第一次打开时问一次。', '您没同意的话，到填资料、预约、代办、上门、举报的时候会再问一次；不同意就不会把内容交上去。'],
  },
  {
    title: '存多久、怎么删',
    lines: ['事情办完后，记录按派出所的规定保存。', '您可以随时打电话给派出所，要求查看、改正或删除您的信息。'],
  },
]
