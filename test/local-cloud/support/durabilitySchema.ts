import type { DatabaseSchema } from '../../../local-cloud/src/wire'

export const DURABILITY_SCHEMA: DatabaseSchema = {
  collections: { pairs: { indexes: [{ name: 'i', fields: [['i', 1]] }] }, singles: {} },
}
