export default definePageConfig({ navigationBarTitleText: '回访评价' })
