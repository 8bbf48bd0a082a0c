// The contract every deployment target implements; the registry maps ids to these modules.
import type { Architecture } from '../options/common-flags.ts';
import type { FlagSpec, FlagValues } from '../options/flag-spec.ts';
import type { CheckResult } from '../preflight/types.ts';

export const PROVIDER_IDS = ['aws', 'azure', 'gcp', 'libvirt', 'ganeti'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** Values every provider receives, resolved from the common flags and the catalog. */
export interface CommonConfig {
  deploymentId: string;
  clusterSize: number;
  instanceType: string;
  architecture: Architecture;
  dbVersion: string;
  dataVolumeSize: number;
  dataVolumesPerNode: number;
  rootVolumeSize: number;
  owner: string;
  allowedCidr: string | null;
  enableMulticastOverlay: boolean;
  sshPublicKey: string;
}

/** Context handed to a provider while it resolves its flags (values complete: see initFlagValues). */
export interface ResolveContext {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** The flags the user gave (the values hold defaults for the rest): some reach tfvars only when
   * given, e.g. `aws-profile`, so that environment credentials still win. */
  given: ReadonlySet<string>;
}

/** Context for pre-flight checks. */
export interface PreflightContext {
  env: NodeJS.ProcessEnv;
  common: CommonConfig;
  /** Log debug lines (never secrets). */
  debug(message: string): void;
  /** Replace the progress text (a spinner on a terminal) while a slow check runs. */
  progress?(text: string): void;
}

/** Data-file defaults of a provider (src/providers/<id>/defaults.yaml). */
export interface ProviderDefaults {
  /** Flag defaults keyed by long flag name. */
  flags: Record<string, string | number | boolean>;
  /** Default instance type per architecture. */
  instanceTypes: Partial<Record<Architecture, string>>;
  /** Whether the CIDR flag is mandatory (public clouds). */
  requiresAllowedCidr: boolean;
}

/** Secrets a provider itself needs (never written to tfvars). */
export type ProviderSecrets = Record<string, string>;

/** A resolved provider configuration: tfvars-ready values plus secrets kept apart. */
export interface ResolvedProvider {
  /** Provider-specific variables written to terraform.tfvars.json. */
  tfvars: Record<string, unknown>;
  /** Secrets stored in the 0600 secrets file and passed to terraform only through its environment. */
  secrets: ProviderSecrets;
  /** Human summary lines for init's output (no secrets). */
  summary: Record<string, string>;
}

/** Which playbooks/tasks/disks-<family>.yml finds a target's data disks (inventory `exasol_disk_family`). */
export type DiskFamily = 'aws' | 'azure' | 'gcp' | 'virtio';

/** What a pre-flight found: its check lines, and values init records beside the resolved ones. */
export interface PreflightResult {
  checks: CheckResult[];
  /** tfvars learnt from the target (e.g. libvirt's base volume present, Ganeti's default disk template). */
  tfvars?: Record<string, unknown>;
  /** Secrets learnt on the way (e.g. Azure's service principal from a credentials file). */
  secrets?: ProviderSecrets;
}

/** One deployment target: flags, defaults, validation, pre-flight, templates and tfvars. */
export interface ProviderModule {
  id: ProviderId;
  description: string;
  /** Whether start/stop change power through terraform's `running` variable. */
  powerControl: 'terraform';
  /** How the playbooks find the data disks on the nodes. */
  diskFamily: DiskFamily;
  flags: readonly FlagSpec[];
  /** Validates the owner tag against the target's tag/label rules; returns an error text or null. */
  validateOwner(owner: string): string | null;
  /** Checks the instance type for the architecture; returns an error text or null. */
  validateInstanceType(instanceType: string, arch: Architecture): string | null;
  /** Cross-flag validation and resolution of provider values (throws UsageError). */
  resolve(values: FlagValues, common: CommonConfig, ctx: ResolveContext): Promise<ResolvedProvider>;
  /** An explicit step init runs before the pre-flight, only for a provider whose flags ask it to
   * change the target (libvirt's --libvirt-create-missing: pool and network). It makes those changes
   * and reports each as a check line (none when nothing was asked or nothing was missing). */
  setUpTarget?(resolved: Readonly<ResolvedProvider>, ctx: PreflightContext): Promise<CheckResult[]>;
  /** Pre-flight checks against the target; creates nothing, leaves `resolved` as it is and returns
   * what it found. */
  preflight(resolved: Readonly<ResolvedProvider>, ctx: PreflightContext): Promise<PreflightResult>;
  /** Environment for terraform processes of this provider, built from the stored secrets. */
  terraformEnv(secrets: ProviderSecrets): Record<string, string>;
  /** Extra files placed in the deployment directory at init (e.g. the Ganeti provider mirror); init
   * builds in `stagingDir`, which becomes `finalDir` once everything is written. */
  prepareDirectory?(stagingDir: string, finalDir: string): Promise<void>;
  /** Paths, relative to the deployment dir, rebuilt on each machine by prepareDirectory and therefore
   * never exported (`exasol export`); `exasol import` calls prepareDirectory to rebuild them. */
  machineLocalFiles?: readonly string[];
  /** Caller variables the provider plugin would read over the deployment's own settings (TLS
   * verification); dropped from terraform's environment with a warning each. */
  callerEnvIgnored?: readonly string[];
  /** Extra environment for terraform runs of a deployment directory (e.g. TF_CLI_CONFIG_FILE). */
  directoryEnv?(dir: string): Record<string, string>;
  /** Terraform addresses destroy must drop from state first (`terraform state rm`): resources shared
   * with later deployments, e.g. libvirt's base image volume (declared `prevent_destroy`). */
  keepOnDestroy?: readonly string[];
  /** Asks the target itself which resources of the deployment still exist (destroy verification). */
  findLeftovers?(ctx: TargetContext): Promise<LeftoverReport>;
  /** Power change the target needs beyond terraform's `running` variable (after terraform applied it). */
  setPower?(ctx: TargetContext, running: boolean): Promise<void>;
  /** Why the playbooks cannot log in to this deployment's nodes (read from its tfvars), or null:
   * `no-key` when init was told the OS takes no key, `outdated` when an older exasol made it. */
  loginBlocker?(tfvars: Record<string, unknown>): LoginBlocker | null;
  /** Resources of the deployment the target has (by its tag or names), as terraform addresses and
   * import ids: deploy and destroy import those missing from terraform's state (a killed run, a lost
   * state) so that no machine is ever left that no exasol command can remove. */
  adoptable?(ctx: TargetContext): Promise<AdoptableResource[]>;
  /** Removes from the target the adoptable resources terraform cannot import (`importable: false`,
   * objects that hold no data), so that the next plan creates them again instead of failing on them. */
  discardOrphans?(ctx: TargetContext, orphans: readonly AdoptableResource[]): Promise<void>;
  /** Asks the target itself for each node's current state (status --refresh). */
  nodeStates?(ctx: TargetContext): Promise<Record<string, string>>;
  /** Secrets init asks for (hidden) on a terminal when neither the variable nor the file flag is set. */
  secretPrompts?: readonly SecretPrompt[];
}

/** A secret read from `env` or from the file named by `fileFlag`; prompted on a terminal otherwise. */
export interface SecretPrompt {
  env: string;
  /** Long name of the file flag, e.g. `ganeti-password-file`. */
  fileFlag: string;
  message: string;
}

/** A reason the nodes cannot be configured over SSH (see ProviderModule.loginBlocker). */
export interface LoginBlocker {
  kind: 'no-key' | 'outdated';
  message: string;
}

/** A resource on the target that belongs in terraform's state. */
export interface AdoptableResource {
  address: string;
  /** The import id (for `importable: false`, what discardOrphans removes it by). */
  id: string;
  /** False when the provider has no importer for the type (libvirt_cloudinit_disk). */
  importable?: boolean;
}

/** What a provider gets to talk to its target after init. */
export interface TargetContext {
  deploymentId: string;
  tfvars: Record<string, unknown>;
  secrets: ProviderSecrets;
  env: NodeJS.ProcessEnv;
}

/** Result of asking the target what is left of a deployment. */
export interface LeftoverReport {
  /** False when the target cannot be asked (e.g. no cloud CLI); `method` then says how to check. */
  checked: boolean;
  method: string;
  leftovers: string[];
}
