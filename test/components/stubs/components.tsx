// DOM stand-ins for @tarojs/components in jsdom: enough of each component's props and event shapes
// (`e.detail.value`) for pages to behave as they do in Taro.
import { createElement, type CSSProperties, type ReactNode } from 'react'

type Handler = (e: { detail: Record<string, unknown> }) => void

interface Common {
  id?: string
  className?: string
  children?: ReactNode
  onClick?: () => void
  style?: CSSProperties
}

/** id, class, inline style, and the accessibility attributes (role, aria-*) that Taro's h5 components copy onto their
 * element. */
function pass(props: Common) {
  const out: Record<string, unknown> = { id: props.id, className: props.className, style: props.style }
  for (const [k, v] of Object.entries(props)) if (k === 'role' || k.startsWith('aria-')) out[k] = v
  return out
}

export function View(props: Common & { catchMove?: boolean }) {
  return createElement('div', { ...pass(props), onClick: props.onClick }, props.children)
}

export function Text(props: Common) {
  return createElement('span', { ...pass(props), onClick: props.onClick }, props.children)
}

export function ScrollView(props: Common) {
  return createElement('div', pass(props), props.children)
}

export function Image(props: Common & { src: string }) {
  return createElement('img', { ...pass(props), src: props.src, alt: '' })
}

export function Button(props: Common & { disabled?: boolean; openType?: string; onAgreePrivacyAuthorization?: () => void }) {
  const onClick = () => {
    if (props.disabled) return
    // WeChat calls bindagreeprivacyauthorization for an agreePrivacyAuthorization button tap.
    if (props.openType === 'agreePrivacyAuthorization') props.onAgreePrivacyAuthorization?.()
    props.onClick?.()
  }
  return createElement(
    'button',
    { ...pass(props), type: 'button', disabled: props.disabled, 'data-open-type': props.openType, onClick },
    props.children,
  )
}

export function Input(props: Common & { value?: string; type?: string; placeholder?: string; maxlength?: number; onInput?: Handler; onBlur?: Handler }) {
  return createElement('input', {
    ...pass(props),
    value: props.value ?? '',
    placeholder: props.placeholder,
    maxLength: props.maxlength,
    'data-type': props.type,
    onChange: (e: { target: { value: string } }) => props.onInput?.({ detail: { value: e.target.value } }),
    onBlur: (e: { target: { value: string } }) => props.onBlur?.({ detail: { value: e.target.value } }),
  })
}

export function Textarea(props: Common & { value?: string; placeholder?: string; maxlength?: number; autoHeight?: boolean; disabled?: boolean; onInput?: Handler }) {
  return createElement('textarea', {
    ...pass(props),
    value: props.value ?? '',
    placeholder: props.placeholder,
    maxLength: props.maxlength,
    disabled: props.disabled,
    // WeChat's auto-height: the box grows with its text.
    'data-auto-height': props.autoHeight ? 'true' : undefined,
    onChange: (e: { target: { value: string } }) => props.onInput?.({ detail: { value: e.target.value } }),
  })
}

/**
 * Selector mode: a <select> whose change reports the chosen index, like Taro's Picker.
 * Date and time modes: an <input> whose change reports the string (`2025-06-01`, `08:30`).
 */
export function Picker(props: Common & { mode?: string; range?: unknown[]; rangeKey?: string; value?: number | string; disabled?: boolean; onChange?: Handler }) {
  if (props.mode === 'date' || props.mode === 'time') {
    return createElement(
      'label',
      { className: props.className },
      props.children,
      createElement('input', {
        id: props.id,
        'data-mode': props.mode,
        value: String(props.value ?? ''),
        disabled: props.disabled,
        onChange: (e: { target: { value: string } }) => props.onChange?.({ detail: { value: e.target.value } }),
      }),
    )
  }
  const label = (item: unknown) =>
    props.rangeKey && item && typeof item === 'object' ? String((item as Record<string, unknown>)[props.rangeKey]) : String(item)
  return createElement(
    'label',
    { className: props.className },
    props.children,
    createElement(
      'select',
      {
        id: props.id,
        value: props.value ?? -1,
        onChange: (e: { target: { value: string } }) => props.onChange?.({ detail: { value: Number(e.target.value) } }),
      },
      createElement('option', { value: -1, disabled: true }, '请选择'),
      ...(props.range ?? []).map((item, i) => createElement('option', { key: i, value: i }, label(item))),
    ),
  )
}

export function Switch(props: Common & { checked?: boolean; onChange?: Handler }) {
  return createElement('input', {
    ...pass(props),
    type: 'checkbox',
    role: 'switch',
    checked: !!props.checked,
    onChange: (e: { target: { checked: boolean } }) => props.onChange?.({ detail: { value: e.target.checked } }),
  })
}

export function Canvas(props: Common & { type?: string; disableScroll?: boolean; onTouchStart?: (e: { touches: { x: number; y: number }[] }) => void; onTouchMove?: (e: { touches: { x: number; y: number }[] }) => void; onTouchEnd?: () => void }) {
  return createElement('canvas', pass(props))
}
