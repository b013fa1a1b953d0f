export default definePageConfig({ navigationBarTitleText: '写预警' })
