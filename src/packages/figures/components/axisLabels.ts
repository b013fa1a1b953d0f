// Column-chart category labels that do not run into each other (a pure function of the labels and the width).
export const AXIS_FONT = 11

/**
 * Category labels that fit under their column: each is cut to `maxChars` (the full words are written out below the
 * chart), and when even the cut labels are wider than a column's share of the width they are turned 45°.
 */
export function axisLabels(labels: readonly string[], width: number, maxChars = 4): { labels: string[]; rotate: boolean } {
  const cut = labels.map((l) => ([...l].length > maxChars ? `${[...l].slice(0, maxChars - 1).join('')}…` : l))
  const widest = Math.max(0, ...cut.map((l) => [...l].length)) * AXIS_FONT
  const slot = labels.length > 0 ? (width - 40) / labels.length : width
  return { labels: cut, rotate: widest + 4 > slot }
}
