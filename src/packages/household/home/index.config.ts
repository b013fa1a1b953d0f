export default definePageConfig({ navigationBarTitleText: '我的家', enablePullDownRefresh: true })
