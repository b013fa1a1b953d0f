// The three kinds of station service and how the app names them; one table for the 办事 tab, the booking pages
// and the function.
export type ServiceKind = 'appointment' | 'proxy' | 'doorstep'

export const SERVICE_KINDS: Record<ServiceKind, { label: string; hint: string }> = {
  appointment: { label: '预约办理', hint: '约好时间到派出所办' },
  proxy: { label: '代办', hint: '材料交给我们，民警帮您办' },
  doorstep: { label: '上门办理', hint: '行动不便的，民警上门办' },
}
