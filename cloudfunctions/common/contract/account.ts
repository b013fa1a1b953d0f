// Actions of the `account` function. (Filled in by the accounts feature.)
export const accountActions = {} as const
