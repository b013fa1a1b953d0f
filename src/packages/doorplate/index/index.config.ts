export default definePageConfig({ navigationBarTitleText: '门牌', enablePullDownRefresh: true })
