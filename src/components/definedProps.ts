// Drops props whose value is undefined: Taro's h5 components copy every given prop onto the custom element,
// so `id={undefined}` would render as id="undefined".
export type DefinedProps<T> = { [K in keyof T]?: Exclude<T[K], undefined> }

export function definedProps<T extends Record<string, unknown>>(props: T): DefinedProps<T> {
  const out: Partial<Record<keyof T, unknown>> = {}
  for (const key of Object.keys(props) as (keyof T)[]) {
    if (props[key] !== undefined) out[key] = props[key]
  }
  return out as DefinedProps<T>
}
