// The one photo list every form shows: each photo's state in words, 重传 and 删除 where they help, a placeholder for a
// photo kept only as its cloud file id, and nothing to press once the form is no longer editable.
import { fireEvent, render } from '@testing-library/react'
import PhotoPicker from '@/components/PhotoPicker'
import type { PhotoUploads } from '@/hooks/usePhotoUploads'

function uploads(overrides: Partial<PhotoUploads> = {}): PhotoUploads & { calls: string[] } {
  const calls: string[] = []
  return {
    photos: [
      { key: 'a', path: 'wxfile://tmp/a.jpg', fileId: 'cloud://env/uploads/f/a.jpg' },
      { key: 'b', path: 'wxfile://tmp/b.jpg' },
      { key: 'c', path: 'wxfile://tmp/c.jpg' },
      { key: 'd', path: '', fileId: 'cloud://env/uploads/f/d.jpg' },
    ],
    progress: { b: 40 },
    failed: { c: '没传上，网络不好。点“重传”再试' },
    pending: 2,
    add: () => Promise.resolve(void calls.push('add')),
    retry: (key) => void calls.push(`retry ${key}`),
    remove: (key) => void calls.push(`remove ${key}`),
    ...overrides,
    calls,
  }
}

const text = (id: string) => document.getElementById(id)?.textContent ?? null

it('says where each photo is and offers 重传 only for the one that did not get through', () => {
  const u = uploads()
  render(<PhotoPicker uploads={u} max={9} />)
  expect(text('photo-0-done')).toBe('✓ 已上传')
  expect(text('photo-1-progress')).toBe('正在上传 40%')
  expect(text('photo-2')).toContain('没传上，网络不好')
  expect(document.getElementById('photo-0-retry')).toBeNull()
  expect(document.getElementById('photo-1-retry')).toBeNull()
  // A photo restored from its file id alone has no picture on this phone: it says it is safe.
  expect(text('photo-3')).toContain('照片已上传')
  expect(document.querySelectorAll('#photo-3 img')).toHaveLength(0)
  fireEvent.click(document.getElementById('photo-2-retry') as HTMLElement)
  fireEvent.click(document.getElementById('photo-0-remove') as HTMLElement)
  fireEvent.click(document.getElementById('photo-add') as HTMLElement)
  expect(u.calls).toEqual(['retry c', 'remove a', 'add'])
  expect(text('photo-count')).toBe('已选 4 张，最多 9 张')
})

it('at the most it can take, the add button says so and does nothing', () => {
  const u = uploads()
  render(<PhotoPicker uploads={u} max={4} />)
  expect(text('photo-add')).toContain('已经4张了')
  fireEvent.click(document.getElementById('photo-add') as HTMLElement)
  expect(u.calls).toEqual([])
})

it('read-only (an alert that can no longer be changed): the photos, and nothing to press', () => {
  const u = uploads()
  render(<PhotoPicker uploads={u} max={9} idPrefix='image' readOnly />)
  expect(document.getElementById('image-0')).not.toBeNull()
  for (const id of ['image-0-remove', 'image-2-retry', 'image-add']) expect(document.getElementById(id)).toBeNull()
  expect(text('image-count')).toBe('4 张')
})
