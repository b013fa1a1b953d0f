// The three kinds of station service and how the app names them; one table for the 办事 tab, the booking pages
// and the function.
export type ServiceKind = 'booking' | 'errand' | 'home_visit'

export const SERVICE_KINDS: Record<ServiceKind, { label: string; hint: string }> = {
  booking: { label: '预约办理', hint: '约好时间到派出所办' },
  errand: { label: '代办', hint: '材料交给我们，民警帮您办' },
  home_visit: { label: '上门办理', hint: '行动不便的，民警上门办' },
}
