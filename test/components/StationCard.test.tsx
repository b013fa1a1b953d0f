// Booking pages show where the station is and when it is open, with a map point on WeChat.
import { fireEvent, render, screen } from '@testing-library/react'
import { recorded, resetTaroStub } from './stubs/taro'
import type { Station } from '@contract/account'
import StationCard from '@/components/StationCard'

const station: Station = {
  name: '临泽县公安局平川派出所',
  address: '甘肃省张掖市临泽县平川镇平川村',
  phone: '0936-5512110',
  hours: ['周一至周五 上午 8:30-12:00，下午 14:30-18:00', '节假日及夜间有急事请拨打 110'],
  location: { latitude: 39.2476, longitude: 100.0563 },
  villages: [],
}

const env = process.env.TARO_ENV
beforeEach(() => resetTaroStub())
afterEach(() => {
  process.env.TARO_ENV = env
})

describe('StationCard', () => {
  it('shows the address and every line of the opening hours, and calls the station', () => {
    render(<StationCard station={station} />)
    expect(screen.getByText('甘肃省张掖市临泽县平川镇平川村')).toBeTruthy()
    expect(screen.getByText('周一至周五 上午 8:30-12:00，下午 14:30-18:00')).toBeTruthy()
    fireEvent.click(screen.getByText('打电话问路'))
    expect(recorded.phoneCalls).toEqual(['0936-5512110'])
  })

  it('on WeChat opens the map at the station', () => {
    process.env.TARO_ENV = 'weapp'
    render(<StationCard station={station} />)
    fireEvent.click(screen.getByText('在地图上看怎么走'))
    expect(recorded.locations).toEqual([expect.objectContaining({ latitude: 39.2476, longitude: 100.0563, name: '临泽县公安局平川派出所' })])
  })

  it('without WeChat’s map (h5) offers to copy the address instead', () => {
    process.env.TARO_ENV = 'h5'
    render(<StationCard station={station} />)
    expect(screen.getByText('复制地址')).toBeTruthy()
    expect(screen.queryByText('在地图上看怎么走')).toBeNull()
  })
})
