// Types of port-socket.cjs (the main thread's end of an in-process connection).
import type { Duplex } from 'node:stream'
import type { Agent } from 'node:http'
import type { MessagePort } from 'node:worker_threads'

export declare class PortSocket extends Duplex {
  constructor(port: MessagePort)
  readonly remoteAddress: string
  setTimeout(ms: number, callback?: () => void): this
}

export declare function inProcessAgent(target: { host: string; port: number }, connect: (port: MessagePort) => void): Agent
