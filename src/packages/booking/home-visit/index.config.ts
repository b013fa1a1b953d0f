export default definePageConfig({ navigationBarTitleText: '上门办理', enablePullDownRefresh: true })
