// Page query values as the person's link meant them. Taro's H5 router hands them over still percent-encoded
// (`queryString.parse(search, { decode: false })`), and a scanned code's `scene` arrives encoded by WeChat; so a value
// is decoded when it holds an escape, and kept as it is when it does not decode.
export function routeParam(params: Record<string, string | undefined>, key: string): string {
  const raw = params[key] ?? ''
  if (!raw.includes('%')) return raw
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** All the query values of a page, decoded (see `routeParam`). */
export function routeParams(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.keys(params).map((k) => [k, routeParam(params, k)]))
}
