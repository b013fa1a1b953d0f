// The small pieces of the households contract other functions' requests carry (kept apart so their bundles do not
// take in the whole households contract).
import * as v from 'valibot'
import { id } from './fields'

export const CONCERNS_MAX = 10

/** Which concern of a visit (0-based). */
export const concernIndex = v.pipe(v.number('反映的事不对'), v.integer('反映的事不对'), v.minValue(0, '反映的事不对'), v.maxValue(CONCERNS_MAX - 1, '反映的事不对'))

/** A report or dispute made from a concern raised on an officer's visit (staff only): the concern remembers it. */
export const fromVisit = v.optional(v.object({ visitId: id('走访'), concern: concernIndex }, '走访记录不对'))
export type FromVisit = v.InferOutput<typeof fromVisit>
