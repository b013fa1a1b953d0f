// What to bring: the materials that must be brought, then (under their own heading) the ones that help if the
// person has them. No symbols to decode: each group says in words what it means.
import { Text, View } from '@tarojs/components'
import type { MaterialItem } from '@contract/services'

function Line({ m }: { m: MaterialItem }) {
  return (
    <View className='fq-book__material'>
      <Text>{m.name}</Text>
      {m.note ? <Text className='fq-muted'>{m.note}</Text> : null}
    </View>
  )
}

export default function Materials({ materials, title = '要带的材料' }: { materials: readonly MaterialItem[]; title?: string }) {
  if (materials.length === 0) return null
  const must = materials.filter((m) => m.required)
  const optional = materials.filter((m) => !m.required)
  return (
    <View className='fq-card' id='materials'>
      <Text className='fq-title'>{title}</Text>
      {must.length > 0 ? (
        <View id='materials-required'>
          <Text className='fq-book__material-group'>一定要带：</Text>
          {must.map((m) => (
            <Line key={m.id} m={m} />
          ))}
        </View>
      ) : null}
      {optional.length > 0 ? (
        <View id='materials-optional'>
          <Text className='fq-book__material-group'>有就带上，没有也能办：</Text>
          {optional.map((m) => (
            <Line key={m.id} m={m} />
          ))}
        </View>
      ) : null}
    </View>
  )
}
