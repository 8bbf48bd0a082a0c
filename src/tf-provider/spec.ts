// Contracts between the protocol server and the resource / data source implementations.
import type { ObjectValue } from './codec.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { BlockSpec } from './schema.ts';

/** What every CRUD call gets: the configured API client and a signal aborted by StopProvider. */
export interface ResourceContext<Client> {
  client: Client;
  stop: AbortSignal;
  /** Epoch ms after which waiting stops (the resource's `timeouts` block); none when undefined. */
  deadline?: number;
}

/** Result of PlanResourceChange for one resource. */
export interface PlanResult {
  planned: ObjectValue;
  requiresReplace: (string | number)[][];
  diagnostics: Diagnostic[];
}

/** New state (null = gone) plus diagnostics. */
export interface StateResult {
  state: ObjectValue | null;
  diagnostics: Diagnostic[];
}

/** A managed resource type: same shape for every resource (schema, plan, CRUD, import). */
export interface Resource<Client> {
  typeName: string;
  version: number;
  schema: BlockSpec;
  /** Static checks on a configuration that may contain unknown values. */
  validate(config: ObjectValue): Diagnostic[];
  /**
   * Planned state for create (prior null) or update, with attributes that force replacement. `ctx` is
   * null while the provider is not configured (its settings are unknown yet): plan without the cluster.
   */
  plan(
    prior: ObjectValue | null,
    proposed: ObjectValue,
    config: ObjectValue,
    ctx: ResourceContext<Client> | null,
  ): PlanResult | Promise<PlanResult>;
  create(ctx: ResourceContext<Client>, planned: ObjectValue): Promise<StateResult>;
  /** Refresh from the remote; state null when the object is gone. `imported` right after import. */
  read(ctx: ResourceContext<Client>, state: ObjectValue, imported: boolean): Promise<StateResult>;
  update(ctx: ResourceContext<Client>, prior: ObjectValue, planned: ObjectValue): Promise<StateResult>;
  delete(ctx: ResourceContext<Client>, prior: ObjectValue): Promise<Diagnostic[]>;
  /** Minimal state for an import ID; read fills in the rest. */
  importState(id: string): ObjectValue;
}

/** A data source type. */
export interface DataSource<Client> {
  typeName: string;
  schema: BlockSpec;
  validate(config: ObjectValue): Diagnostic[];
  read(ctx: ResourceContext<Client>, config: ObjectValue): Promise<StateResult>;
}

/** The provider itself: its configuration block and how a configuration becomes an API client. */
export interface ProviderSpec<Client> {
  schema: BlockSpec;
  validate(config: ObjectValue): Diagnostic[];
  configure(config: ObjectValue): Promise<{ client: Client | null; diagnostics: Diagnostic[] }>;
  resources: readonly Resource<Client>[];
  dataSources: readonly DataSource<Client>[];
}
