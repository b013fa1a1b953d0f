// The plate a scan opened: WeChat hands the 小程序码's `scene` to the page URL-encoded (`mp%3DMP…`), the H5 build gets it
// from `?scene=` (once or twice encoded, as the link was made); both come out as the plain scene (`mp=MP…`).
export function sceneFrom(params: Record<string, string | undefined>): string {
  let scene = (params.scene ?? '').trim()
  // At most two rounds: a scene never holds a literal '%' (not in WeChat's allowed set for plate ids).
  for (let i = 0; i < 2 && scene.includes('%'); i++) {
    try {
      scene = decodeURIComponent(scene)
    } catch {
      return ''
    }
  }
  return scene.trim()
}

/** Query string for a page URL from a few named values (empty ones left out). */
export function query(values: Record<string, string | undefined>): string {
  const parts = Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
  return parts.length ? `?${parts.join('&')}` : ''
}
