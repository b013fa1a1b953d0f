// A text box that grows with what is written (nothing hides past the second line) and says how much room is left.
import { Text, Textarea, View } from '@tarojs/components'
import { definedProps } from '@/components/definedProps'
import './index.scss'

export interface TextAreaProps {
  id: string
  value: string
  /** The most characters the box takes; the counter under it counts down to 0. */
  maxLength: number
  onInput: (value: string) => void
  placeholder?: string
  disabled?: boolean
  /** How tall the empty box is, in lines (it grows beyond this as text is added). */
  minLines?: 2 | 3 | 4 | 6
}

/** "还能写N字", or "已经写满了" at the limit. */
export function roomLeft(value: string, maxLength: number): string {
  const left = Math.max(0, maxLength - value.length)
  return left > 0 ? `还能写${left}字` : `已经写满了（最多${maxLength}字）`
}

export default function TextArea({ id, value, maxLength, onInput, placeholder, disabled, minLines = 3 }: TextAreaProps) {
  const left = maxLength - value.length
  return (
    <View className={`fq-textarea-box fq-textarea-box--${minLines}`}>
      <Textarea
        id={id}
        className='fq-textarea-box__input'
        value={value}
        maxlength={maxLength}
        autoHeight
        {...definedProps({ placeholder, disabled: disabled || undefined })}
        onInput={(e) => onInput(e.detail.value)}
      />
      <Text className={`fq-textarea-box__count${left <= 10 ? ' fq-textarea-box__count--low' : ''}`} id={`${id}-count`}>
        {roomLeft(value, maxLength)}
      </Text>
    </View>
  )
}
