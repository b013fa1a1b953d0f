// Page query values as the person's link meant them. Taro's H5 router hands them over still percent-encoded
// (`queryString.parse(search, { decode: false })`), and a scanned code's `scene` arrives encoded by WeChat; so a value
// is decoded when it holds an escape, and kept as it is when it does not decode.
export function routeParam(params: Record<string, unknown>, key: string): string {
  // Taro's H5 router adds values of its own that are not strings (`$taroTimestamp`, a number).
  const value = params[key]
  const raw = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)
  if (!raw.includes('%')) return raw
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** All the query values of a page, decoded (see `routeParam`). */
export function routeParams(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.keys(params).map((k) => [k, routeParam(params, k)]))
}
