// The protobuf messages of `wx.openApi`, as wx-server-sdk 4.0.2 defines them (src/protobuf/openapi.js in its bundle):
//
//   message KeyValuePair  { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
//   message OpenApiData   { repeated KeyValuePair pairs = 1; }
//   message CommApiData   { ApiType apiType = 1; OpenApiData openapiData = 2; InnerApiData innerData = 3;
//                           SvrkitApiData svrkitData = 4; TokenApiData tokenData = 5; string appid = 6; }
//   message CommOpenApiResp { bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4;
//                           repeated HttpHeader headers = 5; int32 svrkitErrorCode = 6; }
//
// Only these few messages are needed, so this is a small reader/writer of the protobuf wire format rather than a
// dependency on protobufjs (which is only a transitive dependency of wx-server-sdk).

export interface KeyValuePair {
  key: string
  value: Buffer
  contentType?: string
  filename?: string
}

export interface CommApiData {
  apiType: number
  pairs: KeyValuePair[]
  appid?: string
}

export interface CommOpenApiResp {
  respData?: Buffer
  contentType?: string
  errorCode?: number
  httpCode?: number
}

export class ProtobufError extends Error {}

class Reader {
  pos = 0
  constructor(private readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length
  }
  varint(): bigint {
    let result = 0n
    let shift = 0n
    for (;;) {
      if (this.pos >= this.buf.length) throw new ProtobufError('truncated varint')
      const byte = this.buf[this.pos++]
      result |= BigInt(byte & 0x7f) << shift
      if ((byte & 0x80) === 0) return result
      shift += 7n
      if (shift > 63n) throw new ProtobufError('varint too long')
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint())
    if (this.pos + len > this.buf.length) throw new ProtobufError('truncated length-delimited field')
    const out = this.buf.subarray(this.pos, this.pos + len)
    this.pos += len
    return Buffer.from(out)
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint()
    else if (wireType === 1) this.pos += 8
    else if (wireType === 2) this.bytes()
    else if (wireType === 5) this.pos += 4
    else throw new ProtobufError(`unsupported wire type ${wireType}`)
    if (this.pos > this.buf.length) throw new ProtobufError('truncated field')
  }
  /** Iterates `(field, wireType)` tags. */
  *fields(): Generator<[number, number]> {
    while (!this.done) {
      const tag = Number(this.varint())
      yield [tag >>> 3, tag & 7]
    }
  }
}

function decodePair(buf: Buffer): KeyValuePair {
  const r = new Reader(buf)
  const pair: KeyValuePair = { key: '', value: Buffer.alloc(0) }
  for (const [field, wt] of r.fields()) {
    if (field === 1 && wt === 2) pair.key = r.bytes().toString('utf8')
    else if (field === 2 && wt === 2) pair.value = r.bytes()
    else if (field === 3 && wt === 2) pair.contentType = r.bytes().toString('utf8')
    else if (field === 4 && wt === 2) pair.filename = r.bytes().toString('utf8')
    else r.skip(wt)
  }
  return pair
}

export function decodeCommApiData(buf: Buffer): CommApiData {
  const r = new Reader(buf)
  const out: CommApiData = { apiType: 0, pairs: [] }
  for (const [field, wt] of r.fields()) {
    if (field === 1 && wt === 0) out.apiType = Number(BigInt.asIntN(32, r.varint()))
    else if (field === 2 && wt === 2) {
      const inner = new Reader(r.bytes())
      for (const [f, w] of inner.fields()) {
        if (f === 1 && w === 2) out.pairs.push(decodePair(inner.bytes()))
        else inner.skip(w)
      }
    } else if (field === 6 && wt === 2) out.appid = r.bytes().toString('utf8')
    else r.skip(wt)
  }
  return out
}

function varint(value: bigint): Buffer {
  const bytes: number[] = []
  let v = BigInt.asUintN(64, value)
  do {
    let byte = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) byte |= 0x80
    bytes.push(byte)
  } while (v > 0n)
  return Buffer.from(bytes)
}

const tag = (field: number, wireType: number) => varint(BigInt((field << 3) | wireType))
const lengthDelimited = (field: number, data: Buffer) => Buffer.concat([tag(field, 2), varint(BigInt(data.length)), data])

export function encodeCommOpenApiResp(resp: CommOpenApiResp): Buffer {
  const parts: Buffer[] = []
  if (resp.respData) parts.push(lengthDelimited(1, resp.respData))
  if (resp.contentType !== undefined) parts.push(lengthDelimited(2, Buffer.from(resp.contentType, 'utf8')))
  // int32 negatives are sign-extended to 64 bits, as protobufjs writes them.
  if (resp.errorCode) parts.push(tag(3, 0), varint(BigInt(resp.errorCode)))
  if (resp.httpCode) parts.push(tag(4, 0), varint(BigInt(resp.httpCode >>> 0)))
  return Buffer.concat(parts)
}
