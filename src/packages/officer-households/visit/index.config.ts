export default definePageConfig({ navigationBarTitleText: '记一次走访' })
