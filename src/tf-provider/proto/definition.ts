// The project's own minimal protocol definition: only the tfplugin6 messages and fields this provider
// uses (package tfplugin6, service Provider; names and field numbers follow Terraform's protocol 6),
// go-plugin's controller and stdio services, and the gRPC health service. Loaded without a .proto file.
import { fromJSON, type PackageDefinition } from '@grpc/proto-loader';

type Namespace = Parameters<typeof fromJSON>[0];

type FieldSpec = [type: string, id: number] | [type: string, id: number, rule: 'repeated' | `map:${string}`];

/** The RPCs of the tfplugin6 Provider service this server answers (the service definition and the
 * server's handler table both come from this one list). */
export const PROVIDER_RPCS = [
  'GetProviderSchema',
  'ValidateProviderConfig',
  'ConfigureProvider',
  'ValidateResourceConfig',
  'ValidateDataResourceConfig',
  'UpgradeResourceState',
  'ReadResource',
  'PlanResourceChange',
  'ApplyResourceChange',
  'ImportResourceState',
  'ReadDataSource',
  'StopProvider',
] as const;

/** Builds a protobufjs JSON message description from `name: [type, id, rule?]` entries. */
function msg(fields: Record<string, FieldSpec>, nested?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, [type, id, rule]] of Object.entries(fields)) {
    if (rule?.startsWith('map:')) out[name] = { keyType: rule.slice(4), type, id };
    else out[name] = rule ? { type, id, rule } : { type, id };
  }
  return nested ? { fields: out, nested } : { fields: out };
}

/** A Request/Response pair nested in an RPC's namespace message. */
function rpc(request: Record<string, FieldSpec>, response: Record<string, FieldSpec>, extra = {}) {
  return msg({}, { Request: msg(request), Response: msg(response), ...extra });
}

const D = (id: number): FieldSpec => ['Diagnostic', id, 'repeated'];

const tfplugin6 = {
  DynamicValue: msg({ msgpack: ['bytes', 1], json: ['bytes', 2] }),
  Diagnostic: msg(
    {
      severity: ['Severity', 1],
      summary: ['string', 2],
      detail: ['string', 3],
      attribute: ['AttributePath', 4],
    },
    { Severity: { values: { INVALID: 0, ERROR: 1, WARNING: 2 } } },
  ),
  AttributePath: msg(
    { steps: ['Step', 1, 'repeated'] },
    {
      Step: {
        oneofs: { selector: { oneof: ['attribute_name', 'element_key_string', 'element_key_int'] } },
        ...msg({
          attribute_name: ['string', 1],
          element_key_string: ['string', 2],
          element_key_int: ['int64', 3],
        }),
      },
    },
  ),
  RawState: msg({ json: ['bytes', 1], flatmap: ['string', 2, 'map:string'] }),
  StringKind: { values: { PLAIN: 0, MARKDOWN: 1 } },
  Schema: msg(
    { version: ['int64', 1], block: ['Block', 2] },
    {
      Block: msg({
        version: ['int64', 1],
        attributes: ['Attribute', 2, 'repeated'],
        block_types: ['NestedBlock', 3, 'repeated'],
        description: ['string', 4],
        description_kind: ['StringKind', 5],
        deprecated: ['bool', 6],
      }),
      Attribute: msg({
        name: ['string', 1],
        type: ['bytes', 2],
        description: ['string', 3],
        required: ['bool', 4],
        optional: ['bool', 5],
        computed: ['bool', 6],
        sensitive: ['bool', 7],
        description_kind: ['StringKind', 8],
        deprecated: ['bool', 9],
      }),
      NestedBlock: msg(
        {
          type_name: ['string', 1],
          block: ['Block', 2],
          nesting: ['NestingMode', 3],
          min_items: ['int64', 4],
          max_items: ['int64', 5],
        },
        { NestingMode: { values: { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4, GROUP: 5 } } },
      ),
    },
  ),
  ServerCapabilities: msg({ plan_destroy: ['bool', 1], get_provider_schema_optional: ['bool', 2] }),
  StopProvider: rpc({}, { Error: ['string', 1] }),
  GetProviderSchema: rpc(
    {},
    {
      provider: ['Schema', 1],
      resource_schemas: ['Schema', 2, 'map:string'],
      data_source_schemas: ['Schema', 3, 'map:string'],
      diagnostics: D(4),
      server_capabilities: ['ServerCapabilities', 6],
    },
  ),
  ValidateProviderConfig: rpc({ config: ['DynamicValue', 1] }, { diagnostics: D(2) }),
  ValidateResourceConfig: rpc(
    { type_name: ['string', 1], config: ['DynamicValue', 2] },
    { diagnostics: D(1) },
  ),
  ValidateDataResourceConfig: rpc(
    { type_name: ['string', 1], config: ['DynamicValue', 2] },
    { diagnostics: D(1) },
  ),
  UpgradeResourceState: rpc(
    { type_name: ['string', 1], version: ['int64', 2], raw_state: ['RawState', 3] },
    { upgraded_state: ['DynamicValue', 1], diagnostics: D(2) },
  ),
  ConfigureProvider: rpc(
    { terraform_version: ['string', 1], config: ['DynamicValue', 2] },
    { diagnostics: D(1) },
  ),
  ReadResource: rpc(
    { type_name: ['string', 1], current_state: ['DynamicValue', 2], private: ['bytes', 3] },
    { new_state: ['DynamicValue', 1], diagnostics: D(2), private: ['bytes', 3] },
  ),
  PlanResourceChange: rpc(
    {
      type_name: ['string', 1],
      prior_state: ['DynamicValue', 2],
      proposed_new_state: ['DynamicValue', 3],
      config: ['DynamicValue', 4],
      prior_private: ['bytes', 5],
    },
    {
      planned_state: ['DynamicValue', 1],
      requires_replace: ['AttributePath', 2, 'repeated'],
      planned_private: ['bytes', 3],
      diagnostics: D(4),
    },
  ),
  ApplyResourceChange: rpc(
    {
      type_name: ['string', 1],
      prior_state: ['DynamicValue', 2],
      planned_state: ['DynamicValue', 3],
      config: ['DynamicValue', 4],
      planned_private: ['bytes', 5],
    },
    { new_state: ['DynamicValue', 1], private: ['bytes', 2], diagnostics: D(3) },
  ),
  ImportResourceState: rpc(
    { type_name: ['string', 1], id: ['string', 2] },
    { imported_resources: ['ImportedResource', 1, 'repeated'], diagnostics: D(2) },
    {
      ImportedResource: msg({ type_name: ['string', 1], state: ['DynamicValue', 2], private: ['bytes', 3] }),
    },
  ),
  ReadDataSource: rpc(
    { type_name: ['string', 1], config: ['DynamicValue', 2] },
    { state: ['DynamicValue', 1], diagnostics: D(2) },
  ),
  Provider: {
    methods: Object.fromEntries(
      PROVIDER_RPCS.map((m) => [m, { requestType: `${m}.Request`, responseType: `${m}.Response` }]),
    ),
  },
};

const plugin = {
  Empty: msg({}),
  StdioData: msg(
    { channel: ['Channel', 1], data: ['bytes', 2] },
    { Channel: { values: { INVALID: 0, STDOUT: 1, STDERR: 2 } } },
  ),
  GRPCController: { methods: { Shutdown: { requestType: 'Empty', responseType: 'Empty' } } },
  GRPCStdio: {
    methods: { StreamStdio: { requestType: 'Empty', responseType: 'StdioData', responseStream: true } },
  },
};

const health = {
  HealthCheckRequest: msg({ service: ['string', 1] }),
  HealthCheckResponse: msg(
    { status: ['ServingStatus', 1] },
    { ServingStatus: { values: { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } } },
  ),
  Health: { methods: { Check: { requestType: 'HealthCheckRequest', responseType: 'HealthCheckResponse' } } },
};

/** gRPC package definition of every service the provider serves (and the test client calls). */
export const packageDefinition: PackageDefinition = fromJSON(
  {
    nested: {
      tfplugin6: { nested: tfplugin6 },
      plugin: { nested: plugin },
      grpc: { nested: { health: { nested: { v1: { nested: health } } } } },
    },
  } as unknown as Namespace,
  { keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true },
);
