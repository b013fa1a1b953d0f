export default definePageConfig({ navigationBarTitleText: '调解数据', enablePullDownRefresh: true })
