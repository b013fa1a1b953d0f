export default definePageConfig({ navigationBarTitleText: '一标三实', enablePullDownRefresh: true })
