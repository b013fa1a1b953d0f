export default definePageConfig({ navigationBarTitleText: '预警管理', enablePullDownRefresh: true })
