// An in-memory CloudBase environment behind the manager SDK's interface (scripts/deploy/client.ts), recording
// every call. Its behaviour follows what the SDK's code does against the real API: collections must not exist
// to be created, indexes cannot be altered (drop, then create), env variables are replaced as a whole,
// createFunction creates the triggers it is given, and GetFunction reports a timer's cron as {"cron": ...}.
import type { AclType, CloudFunctionParam, CreateIndex, DeployClient, DropIndex, FunctionDetail, IndexInfo } from '../../../scripts/deploy/client'
import type { Rules, TriggerSpec } from '../../../scripts/deploy/repo'

export interface Call {
  method: string
  args: unknown[]
}

interface FakeFunction {
  detail: FunctionDetail
  codeUploads: number
}

/** Calls that change the environment (everything else only reads). */
export const WRITES = ['database.createCollection', 'database.updateCollection', 'tcb.ModifySafeRule', 'storage.setStorageAcl', 'functions.createFunction', 'functions.updateFunctionCode', 'functions.updateFunctionConfig', 'functions.createFunctionTriggers', 'functions.deleteFunctionTrigger']

export class RecordingClient implements DeployClient {
  readonly calls: Call[] = []
  readonly collections = new Map<string, { indexes: IndexInfo[]; aclTag: string; rule: string | null }>()
  storageAcl: { acl: AclType; rule?: Rules } = { acl: 'PRIVATE' }
  readonly fns = new Map<string, FakeFunction>()

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args: JSON.parse(JSON.stringify(args)) as unknown[] })
  }

  writes(): Call[] {
    return this.calls.filter((c) => WRITES.includes(c.method))
  }

  database: DeployClient['database'] = {
    listCollections: async (options) => {
      this.record('database.listCollections', options)
      const all = [...this.collections.keys()].map((CollectionName) => ({ CollectionName }))
      const offset = options?.MgoOffset ?? 0
      return { Collections: all.slice(offset, offset + (options?.MgoLimit ?? 100)), Pager: { Total: all.length } }
    },
    createCollection: async (name) => {
      this.record('database.createCollection', name)
      if (this.collections.has(name)) throw Object.assign(new Error(`Table ${name} exists`), { code: 'ResourceInUse' })
      // CloudBase gives a new collection its _id index and a simple permission.
      this.collections.set(name, { indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }], aclTag: 'ADMINONLY', rule: null })
      return {}
    },
    describeCollection: async (name) => {
      this.record('database.describeCollection', name)
      const c = this.collections.get(name)
      if (!c) throw Object.assign(new Error(`Table ${name} not found`), { code: 'ResourceNotFound' })
      return { Indexes: JSON.parse(JSON.stringify(c.indexes)) as IndexInfo[] }
    },
    updateCollection: async (name, info: { CreateIndexes?: CreateIndex[]; DropIndexes?: DropIndex[] }) => {
      this.record('database.updateCollection', name, info)
      const c = this.collections.get(name)
      if (!c) throw new Error(`Table ${name} not found`)
      for (const d of info.DropIndexes ?? []) {
        if (!c.indexes.some((i) => i.Name === d.IndexName)) throw new Error(`index ${d.IndexName} not found`)
        c.indexes = c.indexes.filter((i) => i.Name !== d.IndexName)
      }
      for (const ci of info.CreateIndexes ?? []) {
        if (c.indexes.some((i) => i.Name === ci.IndexName)) throw new Error(`index ${ci.IndexName} exists`)
        c.indexes.push({ Name: ci.IndexName, Keys: ci.MgoKeySchema.MgoIndexKeys.map((k) => ({ Name: k.Name, Direction: k.Direction })), Unique: ci.MgoKeySchema.MgoIsUnique })
      }
      return {}
    },
  }

  storage: DeployClient['storage'] = {
    getStorageAcl: async (options) => {
      this.record('storage.getStorageAcl', options)
      return JSON.parse(JSON.stringify(this.storageAcl)) as { acl: AclType; rule?: Rules }
    },
    setStorageAcl: async (acl, rule) => {
      this.record('storage.setStorageAcl', acl, rule)
      this.storageAcl = rule ? { acl, rule } : { acl }
      return {}
    },
  }

  private setTriggers(name: string, triggers: TriggerSpec[]): void {
    const f = this.fns.get(name)
    if (!f) throw new Error(`function ${name} not found`)
    const list = f.detail.Triggers ?? []
    for (const t of triggers) {
      if (list.some((x) => x.TriggerName === t.name)) throw new Error(`trigger ${t.name} exists`)
      list.push({ TriggerName: t.name, Type: t.type, TriggerDesc: JSON.stringify({ cron: t.config }) })
    }
    f.detail.Triggers = list
  }

  private applyConfig(detail: FunctionDetail, func: CloudFunctionParam): void {
    if (func.description !== undefined) detail.Description = func.description
    if (func.timeout !== undefined) detail.Timeout = func.timeout
    if (func.memorySize !== undefined) detail.MemorySize = func.memorySize
    if (func.envVariables && Object.keys(func.envVariables).length > 0) detail.Environment = { Variables: Object.entries(func.envVariables).map(([Key, Value]) => ({ Key, Value })) }
  }

  functions: DeployClient['functions'] = {
    listFunctions: async (limit, offset) => {
      this.record('functions.listFunctions', limit, offset)
      return [...this.fns.values()].map((f) => ({ FunctionName: f.detail.FunctionName, Runtime: f.detail.Runtime }))
    },
    getFunctionDetail: async (name) => {
      this.record('functions.getFunctionDetail', name)
      const f = this.fns.get(name)
      if (!f) throw Object.assign(new Error(`function ${name} not found`), { code: 'ResourceNotFound.Function' })
      return JSON.parse(JSON.stringify(f.detail)) as FunctionDetail
    },
    createFunction: async (param) => {
      this.record('functions.createFunction', param)
      const { func } = param
      if (this.fns.has(func.name)) throw Object.assign(new Error(`function ${func.name} exists`), { code: 'ResourceInUse.Function' })
      // The SDK's defaults when a field is not given (lib/function/index.js configToParams).
      const detail: FunctionDetail = { FunctionName: func.name, Runtime: func.runtime ?? 'Nodejs20.19', Timeout: 3, MemorySize: 256, Description: '', Triggers: [] }
      this.applyConfig(detail, func)
      this.fns.set(func.name, { detail, codeUploads: 1 })
      if (func.triggers?.length) this.setTriggers(func.name, func.triggers)
      return {}
    },
    updateFunctionCode: async (param) => {
      this.record('functions.updateFunctionCode', param)
      const f = this.fns.get(param.func.name)
      if (!f) throw new Error(`function ${param.func.name} not found`)
      f.codeUploads++
      return {}
    },
    updateFunctionConfig: async (func) => {
      this.record('functions.updateFunctionConfig', func)
      const f = this.fns.get(func.name)
      if (!f) throw new Error(`function ${func.name} not found`)
      this.applyConfig(f.detail, func)
      if (func.triggers?.length) this.setTriggers(func.name, func.triggers)
      return {}
    },
    createFunctionTriggers: async (name, triggers) => {
      this.record('functions.createFunctionTriggers', name, triggers)
      this.setTriggers(name, triggers ?? [])
      return {}
    },
    waitFunctionActive: async (name) => {
      this.record('functions.waitFunctionActive', name)
      if (!this.fns.has(name)) throw new Error(`function ${name} not found`)
    },
    deleteFunctionTrigger: async (name, triggerName) => {
      this.record('functions.deleteFunctionTrigger', name, triggerName)
      const f = this.fns.get(name)
      if (!f || !(f.detail.Triggers ?? []).some((t) => t.TriggerName === triggerName)) throw new Error(`trigger ${triggerName} not found`)
      f.detail.Triggers = (f.detail.Triggers ?? []).filter((t) => t.TriggerName !== triggerName)
      return {}
    },
  }

  commonService(): { call(options: { Action: string; Param: Record<string, unknown> }): Promise<unknown> } {
    return {
      call: async ({ Action, Param }) => {
        this.record(`tcb.${Action}`, Param)
        const c = this.collections.get(String(Param.CollectionName))
        if (!c) throw new Error(`collection ${String(Param.CollectionName)} not found`)
        if (Action === 'DescribeSafeRule') return { AclTag: c.aclTag, Rule: c.rule }
        if (Action === 'ModifySafeRule') {
          c.aclTag = String(Param.AclTag)
          c.rule = typeof Param.Rule === 'string' ? Param.Rule : null
          return {}
        }
        throw new Error(`unexpected action ${Action}`)
      },
    }
  }
}
