export default definePageConfig({ navigationBarTitleText: '业务清单' })
