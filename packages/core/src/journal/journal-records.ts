import Type, { type Static } from 'typebox';

const Json = Type.Record(Type.String(), Type.Unknown());

/** How to bring a scheduler back in another process: its package, kind, address and settings (secrets included). */
export const SchedulerRecord = Type.Object({
  /** `engine`, `dask`, … */
  kind: Type.String(),
  /** The npm package that restores it (`@jq/engine`). */
  packageName: Type.String(),
  /** Address workers connect to. */
  address: Type.String(),
  /**
   * Address a client on the journal's machine dials instead, when it cannot reach `address`:
   * the local end of an SSH forward to a scheduler in a batch job. Valid while the cluster's
   * owner, which holds the forward, lives.
   */
  clientAddress: Type.Optional(Type.String()),
  /** Dashboard link, when there is one (may carry the dashboard token: the journal is private). */
  dashboardUrl: Type.Optional(Type.String()),
  /** Everything the package needs to start it again on the same address with the same credentials. */
  settings: Json,
});
export type SchedulerRecord = Static<typeof SchedulerRecord>;

/** `cluster.json`: what the cluster is, written when it starts; enough to rebuild it in another process. */
export const ClusterRecord = Type.Object({
  format: Type.Literal('jobqueue-cluster'),
  version: Type.Literal(1),
  name: Type.String(),
  /** The owning user; another user's journal is refused. */
  uid: Type.Number(),
  createdAt: Type.Number(),
  backend: Type.Object({ name: Type.String(), packageName: Type.String() }),
  /** Options from every source, merged (explicit, preset, config file), so a rebuild needs neither preset nor file. */
  options: Json,
  /** Per-pool options, when the cluster has pools. */
  pools: Type.Optional(Type.Record(Type.String(), Json)),
  scheduler: Type.Optional(SchedulerRecord),
  /**
   * Our dashboard page when a process of the cluster serves it beside a scheduler that has
   * none of its own (Dask): its address and the token it asks for (the journal is private).
   */
  dashboard: Type.Optional(Type.Object({ url: Type.String(), token: Type.String() })),
  /** What a new owner does with the jobs of a dead one. */
  orphans: Type.Union([Type.Literal('cancel'), Type.Literal('adopt')]),
  /** The directory of the project that made the cluster: a manager elsewhere loads the backend and scheduler packages from there. */
  projectDirectory: Type.Optional(Type.String()),
  /** What a manager started for this cluster does first: `scale` (a scale request) or `adapt` (adapt options). */
  initial: Type.Optional(Type.Object({ scale: Type.Optional(Type.Unknown()), adapt: Type.Optional(Json) })),
  /**
   * The manager's own process or batch job, when the cluster runs away from the process that made it.
   * `scheduler-job`: the manager is a process on the login node (`id` `pid:<n>`) and only the
   * scheduler runs in a batch job, `schedulerJob`.
   */
  manager: Type.Optional(
    Type.Object({
      placement: Type.Union([Type.Literal('process'), Type.Literal('job'), Type.Literal('scheduler-job')]),
      id: Type.String(),
      schedulerJob: Type.Optional(Type.String()),
    }),
  ),
});
export type ClusterRecord = Static<typeof ClusterRecord>;

/** `state.json`: what the cluster is doing, rewritten (atomically) as it changes. */
export const StateRecord = Type.Object({
  format: Type.Literal('jobqueue-state'),
  version: Type.Literal(1),
  updatedAt: Type.Number(),
  owner: Type.Object({ pid: Type.Number(), host: Type.String(), startedAt: Type.Number() }),
  targets: Type.Record(Type.String(), Type.Number()),
  /** The `adapt()` settings in force, or null. */
  adapt: Type.Union([Json, Type.Null()]),
  /** Every job the cluster submitted (`JobInfo`); a submission under way has `id: ''`. */
  jobs: Type.Array(Json),
  /** Workers connected at the last write (`WorkerInfo`). */
  workers: Type.Array(Json),
  /** True once `close()` began. */
  closing: Type.Boolean(),
});
export type StateRecord = Static<typeof StateRecord>;
