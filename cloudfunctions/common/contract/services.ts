// Actions of the `services` function. (Filled in by the services feature.)
export const servicesActions = {} as const
