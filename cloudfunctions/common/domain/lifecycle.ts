// The one shape of every status machine (reports, bookings, alerts, mediation cases): states carry a label and a
// type, where `open` means the record is still being worked on; moves say from which states to which, who may make
// them, what they write besides the status and whether the record's owner is told. Each domain's table is data of
// this shape with its own extras, and its test pins the exact move set with `moveSet`.

/** A state: what people read, and what code asks about (`type === 'open'`, never a list of states). */
export interface StateInfo<T extends string = string> {
  label: string
  type: T
}

/** One move of a table. `F` is what a move starts from, `T` what it ends in (the same for all but alerts). */
export interface Move<F extends string, A extends string, T extends string = F> {
  from: readonly F[]
  to: T
  by: readonly A[]
  /** Fields the move writes besides the status and its timeline event. */
  writes?: readonly string[]
  /** The record's owner is told of the move. */
  notifies?: boolean
}

/** The first move from `from` to `to` that `actor` may make, or null. */
export function findMove<M extends Move<string, string, string>>(moves: readonly M[], from: M['from'][number], to: M['to'], actor: M['by'][number]): M | null {
  return moves.find((m) => m.to === to && m.from.includes(from) && m.by.includes(actor)) ?? null
}

/** The moves `actor` may make from `from`, in table order. */
export function movesFrom<M extends Move<string, string, string>>(moves: readonly M[], from: M['from'][number], actor: M['by'][number]): M[] {
  return moves.filter((m) => m.from.includes(from) && m.by.includes(actor))
}

/** Every (from, to, actor) a table allows, as sorted `from>to>actor` strings: what a test pins. */
export function moveSet(moves: readonly Move<string, string, string>[]): string[] {
  return [...new Set(moves.flatMap((m) => m.from.flatMap((f) => m.by.map((a) => `${f}>${m.to}>${a}`))))].sort()
}
