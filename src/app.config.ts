// Pages, tab bar and subpackages. Feature helpers append their pages/subpackages here (small edits).
const isH5 = process.env.TARO_ENV === 'h5'

const pages = [
  'pages/home/index',
  'pages/services/index',
  'pages/report/index',
  'pages/me/index',
  // Development sign-in exists only in the H5 build served by the local cloud.
  ...(isH5 ? ['pages/dev-login/index'] : []),
]

export default defineAppConfig({
  pages,
  subPackages: [
    {
      root: 'packages/staff',
      pages: ['index/index', 'invites/index'],
    },
    { root: 'packages/alert', pages: ['detail/index'] },
    { root: 'packages/booking', pages: ['book/index', 'errand/index', 'home-visit/index', 'mine/index'] },
    { root: 'packages/officer-services', pages: ['agenda/index', 'queue/index', 'schedule/index', 'checkin/index', 'catalog/index'] },
    { root: 'packages/officer-alerts', pages: ['index/index', 'compose/index', 'stats/index'] },
    { root: 'packages/report-form', pages: ['pesticide/index', 'theft/index', 'detail/index'] },
    { root: 'packages/officer-reports', pages: ['index/index', 'detail/index', 'clusters/index'] },
    { root: 'packages/privacy', pages: ['policy/index'] },
    { root: 'packages/mediation', pages: ['apply/index', 'mine/index', 'agreement/index'] },
    { root: 'packages/officer-mediation', pages: ['index/index', 'detail/index', 'roster/index', 'figures/index', 'register/index'] },
    { root: 'packages/figures', pages: ['index/index'] },
    { root: 'packages/followup', pages: ['survey/index', 'pending/index', 'staff/index', 'tasks/index'] },
    // Opened by scanning a doorplate: its own small package so a scan opens fast.
    { root: 'packages/doorplate', pages: ['index/index'] },
    { root: 'packages/household', pages: ['home/index'] },
    { root: 'packages/officer-households', pages: ['book/index', 'detail/index', 'visit/index', 'plates/index', 'coverage/index', 'import/index', 'person/index', 'group/index', 'org/index'] },
  ],
  window: {
    // The app draws its own bar (components/NavBar, in PageShell) so 长辈模式 reaches the title and the back control;
    // WeChat keeps only the status bar and the capsule. navigationBarTitleText stays on every page: NavBar reads it,
    // and WeChat still uses it (recent list, share card).
    navigationStyle: 'custom',
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#1b4f9c',
    navigationBarTitleText: '枫桥警民通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f4f7',
  },
  tabBar: {
    // weapp draws our own bar (src/custom-tab-bar) so 长辈模式 reaches the labels; Taro's h5 router shows no tab bar at
    // all for custom: true, so h5 keeps the standard one. The list stays complete: WeChat still reads it for tab pages.
    ...(isH5 ? {} : { custom: true }),
    color: '#4a4a4a',
    selectedColor: '#1b4f9c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/services/index', text: '办事', iconPath: 'assets/tab/services.png', selectedIconPath: 'assets/tab/services-active.png' },
      { pagePath: 'pages/report/index', text: '举报', iconPath: 'assets/tab/report.png', selectedIconPath: 'assets/tab/report-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  // WeChat privacy: privacy-protected APIs wait for the user's consent via onNeedPrivacyAuthorization.
  __usePrivacyCheck__: true,
})
