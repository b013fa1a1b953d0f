// The part of CloudBase's manager SDK (@cloudbase/manager-node 5.6.5) the deploy uses, with the SDK's own
// method names and argument shapes, taken from its type definitions (types/database/index.d.ts,
// types/storage/index.d.ts, types/function/index.d.ts, types/interfaces/*.d.ts, types/common/index.d.ts).
// The real SDK object satisfies it; tests drive the deploy steps with an in-memory recording client.
import type { Rules, TriggerSpec } from './repo'

export const MANAGER_PACKAGE = '@cloudbase/manager-node'
export const MANAGER_VERSION = '5.6.5'

/** types/interfaces/flexdb.interface.d.ts MgoIndexKeys: Direction is "1" or "-1". */
export interface MgoIndexKeys {
  Name: string
  Direction: string
}
export interface CreateIndex {
  IndexName: string
  MgoKeySchema: { MgoIndexKeys: MgoIndexKeys[]; MgoIsUnique: boolean }
}
export interface DropIndex {
  IndexName: string
}
export interface IndexInfo {
  Name: string
  Keys: Array<{ Name?: string; Direction?: string }>
  Unique: boolean
}
/** types/storage/index.d.ts AclType. */
export type AclType = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM'

/** What the SDK's createFunction / updateFunctionConfig take (ICloudFunction), restricted to what we set. */
export interface CloudFunctionParam {
  name: string
  description?: string
  runtime?: string
  handler?: string
  timeout?: number
  memorySize?: number
  installDependency?: boolean
  ignore?: string[]
  envVariables?: Record<string, string>
  triggers?: TriggerSpec[]
}
/** types/function/types.d.ts IFunctionInfo, the fields we read. */
export interface FunctionDetail {
  FunctionName: string
  Runtime: string
  Timeout: number
  MemorySize: number
  Description: string
  Environment?: { Variables?: Array<{ Key: string; Value: string }> }
  Triggers?: Array<{ TriggerName?: string; Name?: string; Type?: string; TriggerDesc?: string; Config?: string }>
}

export interface DeployClient {
  database: {
    /** Lists the environment's collections (ListTables); unlike checkCollectionExists it does not turn errors into "absent". */
    listCollections(options?: { MgoLimit?: number; MgoOffset?: number }): Promise<{ Collections: Array<{ CollectionName: string }>; Pager?: { Total: number } }>
    createCollection(collectionName: string): Promise<unknown>
    describeCollection(collectionName: string): Promise<{ Indexes?: IndexInfo[] }>
    updateCollection(collectionName: string, indexiesInfo: { CreateIndexes?: CreateIndex[]; DropIndexes?: DropIndex[] }): Promise<unknown>
  }
  storage: {
    getStorageAcl(options: { withRule: true }): Promise<{ acl: AclType; rule?: Rules }>
    setStorageAcl(acl: AclType, rule?: Rules): Promise<unknown>
  }
  functions: {
    listFunctions(limit?: number, offset?: number): Promise<Array<Record<string, string>>>
    getFunctionDetail(name: string, codeSecret?: string): Promise<FunctionDetail>
    createFunction(funcParam: { func: CloudFunctionParam; functionRootPath: string; force?: boolean }): Promise<unknown>
    updateFunctionCode(funcParam: { func: CloudFunctionParam; functionRootPath: string }): Promise<unknown>
    updateFunctionConfig(func: CloudFunctionParam): Promise<unknown>
    createFunctionTriggers(name: string, triggers?: TriggerSpec[]): Promise<unknown>
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>
    /** Polls until the function is Active again (after a code update, before its configuration changes). */
    waitFunctionActive(funcName: string, codeSecret?: string): Promise<void>
  }
  /**
   * Plain TCB API calls. Database security rules have no SDK method; the manager SDK's documentation
   * (docs.cloudbase.net/api-reference/manager/node/rule) sends them through commonService():
   * DescribeSafeRule { EnvId, CollectionName, WxAppId? } → { AclTag, Rule }, ModifySafeRule { EnvId, CollectionName, AclTag, Rule }
   * (TCB API 2018-06-08, cloud.tencent.com/document/api/876/128118 and 128959).
   */
  commonService(service?: string, version?: string): { call(options: { Action: string; Param: Record<string, unknown> }): Promise<unknown> }
}

export interface SafeRuleReply {
  AclTag?: string
  Rule?: string | null
}
