// Actions of the `alerts` function. (Filled in by the alerts feature.)
export const alertsActions = {} as const
