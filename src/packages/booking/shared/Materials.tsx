// What to bring: the service's materials list, required ones first and marked.
import { Text, View } from '@tarojs/components'
import type { MaterialItem } from '@contract/services'

export default function Materials({ materials, title = '要带的材料' }: { materials: readonly MaterialItem[]; title?: string }) {
  if (materials.length === 0) return null
  const sorted = [...materials].sort((a, b) => Number(b.required) - Number(a.required))
  return (
    <View className='fq-card' id='materials'>
      <Text className='fq-title'>{title}</Text>
      {sorted.map((m) => (
        <View key={m.id} className='fq-book__material'>
          <Text>
            {m.required ? '● ' : '○ '}
            {m.name}
            {m.required ? '' : '（有的话带上）'}
          </Text>
          {m.note ? <Text className='fq-muted'>{m.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}
