// The only module that knows tfplugin6: decodes requests, calls the provider / resources, encodes replies.
// One method per RPC; ApplyResourceChange is dispatched to create, update or delete here and nowhere else.
import type { ServerUnaryCall, sendUnaryData, UntypedServiceImplementation } from '@grpc/grpc-js';
import { type CtyType, decodeValue, encodeValue, fromJson, isObject, type ObjectValue } from './codec.ts';
import { type Diagnostic, diagFromError, hasError, toAttributePath } from './diagnostics.ts';
import { log } from './log.ts';
import { conform } from './plan.ts';
import { PROVIDER_RPCS } from './proto/definition.ts';
import { blockType, toWireSchema } from './schema.ts';
import type { DataSource, ProviderSpec, Resource, ResourceContext } from './spec.ts';

type Req = Record<string, unknown>;
type Dyn = { msgpack?: Uint8Array; json?: Uint8Array } | undefined;
type Rpc = (req: Req) => Promise<object> | object;

const IMPORTED = Buffer.from('{"imported":true}');

/** Wire form of diagnostics. */
function wireDiags(diags: readonly Diagnostic[]): object[] {
  return diags.map((d) => ({
    severity: d.severity,
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.attribute ? { attribute: toAttributePath(d.attribute) } : {}),
  }));
}

const dyn = (type: CtyType, v: ObjectValue | null) => ({ msgpack: encodeValue(type, v) });
const obj = (type: CtyType, d: Dyn): ObjectValue | null => {
  const v = decodeValue(type, d?.msgpack);
  return isObject(v) ? v : null;
};
const bytes = (v: unknown): Buffer => (v instanceof Uint8Array ? Buffer.from(v) : Buffer.alloc(0));

/** Holds the provider's configured client and stop signal, and implements the tfplugin6 Provider service. */
export class ProviderServer<Client> {
  private client: Client | null = null;
  private stopper = new AbortController();
  // Keyed by schema: a resource and a data source may share a type name (ganeti_instance).
  private readonly types = new WeakMap<object, CtyType>();

  constructor(private readonly spec: ProviderSpec<Client>) {}

  private resource(name: unknown): Resource<Client> {
    const r = this.spec.resources.find((x) => x.typeName === name);
    if (!r) throw new Error(`unknown resource type ${String(name)}`);
    return r;
  }

  private dataSource(name: unknown): DataSource<Client> {
    const d = this.spec.dataSources.find((x) => x.typeName === name);
    if (!d) throw new Error(`unknown data source type ${String(name)}`);
    return d;
  }

  private typeOf(r: { schema: Resource<Client>['schema'] }): CtyType {
    const cached = this.types.get(r.schema);
    if (cached) return cached;
    const t = blockType(r.schema);
    this.types.set(r.schema, t);
    return t;
  }

  private ctx(): ResourceContext<Client> {
    if (this.client === null)
      throw new Error('the ganeti provider is not configured (ConfigureProvider failed)');
    return { client: this.client, stop: this.stopper.signal };
  }

  /** Aborts in-flight operations (StopProvider); later operations get a fresh signal. */
  stop(): void {
    this.stopper.abort();
    this.stopper = new AbortController();
  }

  GetProviderSchema(): object {
    const { spec } = this;
    return {
      provider: toWireSchema(spec.schema),
      resource_schemas: Object.fromEntries(
        spec.resources.map((r) => [r.typeName, toWireSchema(r.schema, r.version)]),
      ),
      data_source_schemas: Object.fromEntries(
        spec.dataSources.map((d) => [d.typeName, toWireSchema(d.schema)]),
      ),
      server_capabilities: { plan_destroy: true, get_provider_schema_optional: false },
      diagnostics: [],
    };
  }

  ValidateProviderConfig(req: Req): object {
    const config = obj(blockType(this.spec.schema), req.config as Dyn) ?? {};
    return { diagnostics: wireDiags(this.spec.validate(config)) };
  }

  async ConfigureProvider(req: Req): Promise<object> {
    const config = obj(blockType(this.spec.schema), req.config as Dyn) ?? {};
    const { client, diagnostics } = await this.spec.configure(config);
    this.client = client;
    return { diagnostics: wireDiags(diagnostics) };
  }

  ValidateResourceConfig(req: Req): object {
    const r = this.resource(req.type_name);
    return { diagnostics: wireDiags(r.validate(obj(this.typeOf(r), req.config as Dyn) ?? {})) };
  }

  ValidateDataResourceConfig(req: Req): object {
    const d = this.dataSource(req.type_name);
    return { diagnostics: wireDiags(d.validate(obj(this.typeOf(d), req.config as Dyn) ?? {})) };
  }

  UpgradeResourceState(req: Req): object {
    const r = this.resource(req.type_name);
    const raw = (req.raw_state as { json?: Uint8Array } | undefined)?.json;
    const parsed = raw?.length
      ? fromJson(this.typeOf(r), JSON.parse(Buffer.from(raw).toString('utf8')))
      : null;
    const state = isObject(parsed) ? conform(r.schema, parsed) : null;
    return { upgraded_state: dyn(this.typeOf(r), state), diagnostics: [] };
  }

  async ReadResource(req: Req): Promise<object> {
    const r = this.resource(req.type_name);
    const current = obj(this.typeOf(r), req.current_state as Dyn);
    const priv = bytes(req.private);
    if (current === null) return { new_state: dyn(this.typeOf(r), null), diagnostics: [] };
    const imported = priv.equals(IMPORTED);
    // A failed refresh keeps the current state: only a confirmed absence removes the object.
    const res = await Promise.resolve()
      .then(() => r.read(this.ctx(), current, imported))
      .catch((err: unknown) => ({
        state: current,
        diagnostics: [diagFromError(`Cannot refresh ${r.typeName}`, err)],
      }));
    const state = hasError(res.diagnostics) && res.state === null && !imported ? current : res.state;
    return {
      new_state: dyn(this.typeOf(r), state),
      diagnostics: wireDiags(res.diagnostics),
      private: imported ? Buffer.alloc(0) : priv,
    };
  }

  async PlanResourceChange(req: Req): Promise<object> {
    const r = this.resource(req.type_name);
    const t = this.typeOf(r);
    const proposed = obj(t, req.proposed_new_state as Dyn);
    const priv = bytes(req.prior_private);
    if (proposed === null) return { planned_state: dyn(t, null), planned_private: priv, diagnostics: [] };
    const prior = obj(t, req.prior_state as Dyn);
    const ctx = this.client === null ? null : this.ctx();
    const res = await r.plan(prior, proposed, obj(t, req.config as Dyn) ?? {}, ctx);
    return {
      planned_state: dyn(t, res.planned),
      requires_replace: res.requiresReplace.map(toAttributePath),
      planned_private: priv,
      diagnostics: wireDiags(res.diagnostics),
    };
  }

  async ApplyResourceChange(req: Req): Promise<object> {
    const r = this.resource(req.type_name);
    const t = this.typeOf(r);
    const prior = obj(t, req.prior_state as Dyn);
    const planned = obj(t, req.planned_state as Dyn);
    const priv = bytes(req.planned_private);
    try {
      if (planned === null) {
        const diags = prior === null ? [] : await r.delete(this.ctx(), prior);
        return {
          new_state: dyn(t, hasError(diags) ? prior : null),
          private: priv,
          diagnostics: wireDiags(diags),
        };
      }
      const res =
        prior === null ? await r.create(this.ctx(), planned) : await r.update(this.ctx(), prior, planned);
      return { new_state: dyn(t, res.state), private: priv, diagnostics: wireDiags(res.diagnostics) };
    } catch (err) {
      // Never lose track of an existing object: keep the prior state with the error.
      const diags = wireDiags([diagFromError(`${r.typeName}: apply failed`, err)]);
      return { new_state: dyn(t, prior), private: priv, diagnostics: diags };
    }
  }

  ImportResourceState(req: Req): object {
    const r = this.resource(req.type_name);
    const state = conform(r.schema, r.importState(String(req.id ?? '')));
    return {
      imported_resources: [{ type_name: r.typeName, state: dyn(this.typeOf(r), state), private: IMPORTED }],
      diagnostics: [],
    };
  }

  async ReadDataSource(req: Req): Promise<object> {
    const d = this.dataSource(req.type_name);
    const res = await d.read(this.ctx(), obj(this.typeOf(d), req.config as Dyn) ?? {});
    return { state: dyn(this.typeOf(d), res.state), diagnostics: wireDiags(res.diagnostics) };
  }

  StopProvider(): object {
    log('INFO', 'StopProvider: cancelling in-flight operations');
    this.stop();
    return {};
  }

  /** The RPC implementations by method name, each logged and turned into diagnostics when it throws. */
  handlers(): UntypedServiceImplementation {
    const rpcs: Record<string, Rpc> = {};
    for (const name of PROVIDER_RPCS) rpcs[name] = (req) => this[name](req);
    return Object.fromEntries(Object.entries(rpcs).map(([name, fn]) => [name, unary(name, fn)]));
  }
}

/** gRPC unary handler around one RPC: logs it and reports a thrown error as a diagnostic. */
function unary(name: string, fn: Rpc) {
  return (call: ServerUnaryCall<Req, object>, callback: sendUnaryData<object>) => {
    const started = Date.now();
    log('DEBUG', `${name} ${String(call.request.type_name ?? '')}`.trim());
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (res) => {
          log('TRACE', `${name} done in ${Date.now() - started} ms`);
          callback(null, res);
        },
        (err: unknown) => {
          log('ERROR', `${name} failed: ${err instanceof Error ? err.message : String(err)}`);
          const diags = wireDiags([diagFromError(`${name} failed`, err)]);
          callback(null, name === 'StopProvider' ? { Error: String(err) } : { diagnostics: diags });
        },
      );
  };
}
