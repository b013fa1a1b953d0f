export default definePageConfig({ navigationBarTitleText: '预约办理', enablePullDownRefresh: true })
