export default definePageConfig({ navigationBarTitleText: '枫桥警民通', enablePullDownRefresh: true })
