// H5: the sheet as A4 pages in CSS (3×4 plates, the address under each code) that the browser prints or saves as PDF.
// On screen it is a preview; `@media print` leaves only the pages.
import { Image, Text, View } from '@tarojs/components'
import type { SheetItem } from '@contract/households'
import { paginate } from './sheet'
import './print.scss'

export default function PrintSheet({ items }: { items: readonly SheetItem[] }) {
  const pages = paginate(items)
  return (
    <View className='fq-sheet' id='print-sheet'>
      {pages.map((page, p) => (
        <View className='fq-sheet__page' key={p} id={`sheet-page-${p}`}>
          {page.map((item) => (
            <View className='fq-sheet__plate' key={item.plateId} id={`sheet-plate-${item.plateId}`}>
              {item.imageUrl ? <Image className='fq-sheet__code' src={item.imageUrl} mode='aspectFit' /> : <Text className='fq-sheet__missing'>{`${item.plateId} 码没取到`}</Text>}
              <Text className='fq-sheet__line1'>{item.lines[0]}</Text>
              <Text className='fq-sheet__line2'>{item.lines[1]}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
