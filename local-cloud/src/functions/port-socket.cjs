// An in-process connection between a function instance (worker thread) and the local cloud's HTTP server: a Duplex
// carried over a MessagePort, which the worker's HTTP client uses as its socket and the main thread hands to the very
// same HTTP server (`server.emit('connection', socket)`). The bytes are the same HTTP/1.1 the SDK would send over TCP
// loopback, so every request still goes through the server's Host check, /admin parsing and signature check; only
// the kernel's loopback (a writev and an epoll wake-up per chunk on each side) is left out.
// Plain CommonJS: host.cjs requires it inside the worker, outside any TypeScript loader (see runtime.ts).
//
// Wire: each message is a Uint8Array (bytes, its buffer transferred) or null (end of the sender's writes). Closing
// either port destroys both ends (MessagePort 'close' fires on the other side).
'use strict'
const { Duplex } = require('node:stream')
const http = require('node:http')
const net = require('node:net')
const { MessageChannel } = require('node:worker_threads')

class PortSocket extends Duplex {
  /** @param {import('node:worker_threads').MessagePort} port */
  constructor(port) {
    super({ allowHalfOpen: false })
    this.port = port
    // What http's client and server read of a socket.
    this.connecting = false
    this.remoteAddress = '127.0.0.1'
    this.remoteFamily = 'IPv4'
    this.remotePort = 0
    this.localAddress = '127.0.0.1'
    this.localPort = 0
    this.localFamily = 'IPv4'
    this._unrefed = false
    this.timeout = 0
    this._idleTimer = null
    port.on('message', (m) => {
      if (this.destroyed) return
      this._active()
      if (m === null) this.push(null)
      else if (m instanceof Uint8Array) this.push(Buffer.from(m.buffer, m.byteOffset, m.byteLength))
      // Anything else is not this protocol: drop the connection.
      else this.destroy(new Error('in-process connection: malformed message'))
    })
    port.on('close', () => this.destroy())
  }

  _send(chunk) {
    // A copy of exactly the chunk, its buffer transferred: cloning a Buffer view would copy its whole pool slab.
    const bytes = new Uint8Array(chunk.length)
    bytes.set(chunk)
    this.port.postMessage(bytes, [bytes.buffer])
  }

  _read() {}

  _write(chunk, _encoding, cb) {
    this._active()
    this._send(chunk)
    cb()
  }

  _writev(chunks, cb) {
    this._active()
    this._send(chunks.length === 1 ? chunks[0].chunk : Buffer.concat(chunks.map((c) => c.chunk)))
    cb()
  }

  _final(cb) {
    try {
      this.port.postMessage(null)
    } catch {
      // The other side is gone already.
    }
    cb()
  }

  _destroy(err, cb) {
    if (this._idleTimer) clearTimeout(this._idleTimer)
    this._idleTimer = null
    this.port.close()
    cb(err)
  }

  /** net.Socket's idle timeout: 'timeout' after `ms` without reads or writes; 0 turns it off and removes `callback`. */
  setTimeout(ms, callback) {
    this.timeout = ms
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback)
      else this.once('timeout', callback)
    }
    if (this._idleTimer) clearTimeout(this._idleTimer)
    this._idleTimer = null
    this._active()
    return this
  }

  _active() {
    if (!this.timeout || this.destroyed) return
    if (this._idleTimer) this._idleTimer.refresh()
    else {
      this._idleTimer = setTimeout(() => {
        this._idleTimer = null
        this.emit('timeout')
      }, this.timeout)
      if (this._unrefed) this._idleTimer.unref()
    }
  }

  setNoDelay() {
    return this
  }

  setKeepAlive() {
    return this
  }

  ref() {
    this._unrefed = false
    this.port.ref()
    if (this._idleTimer) this._idleTimer.ref()
    return this
  }

  unref() {
    this._unrefed = true
    this.port.unref()
    if (this._idleTimer) this._idleTimer.unref()
    return this
  }

  address() {
    return { address: this.localAddress, family: this.localFamily, port: this.localPort }
  }
}

/**
 * An http.Agent (keep-alive) whose connections to `host:port` are in-process: each new connection is a
 * MessageChannel, one port handed to `connect` (which posts it to the main thread), the other this side's socket.
 * Connections anywhere else are ordinary TCP.
 * @param {{ host: string, port: number }} target
 * @param {(port: import('node:worker_threads').MessagePort) => void} connect
 */
function inProcessAgent(target, connect) {
  const agent = new http.Agent({ keepAlive: true })
  agent.createConnection = (options, callback) => {
    const host = options.host || options.hostname
    if (host !== target.host || Number(options.port) !== target.port) return net.createConnection(options, callback)
    const { port1, port2 } = new MessageChannel()
    connect(port2)
    return new PortSocket(port1)
  }
  return agent
}

module.exports = { PortSocket, inProcessAgent }
