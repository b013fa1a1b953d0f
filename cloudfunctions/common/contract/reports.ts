// Actions of the `reports` function. (Filled in by the reports feature.)
export const reportsActions = {} as const
