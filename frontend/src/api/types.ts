// Shapes of the REST API, written from docs/openapi.yaml (components/schemas and the route answers).

export type Role = 'admin' | 'user' | 'viewer';

export interface ApiErrorBody {
  error: string;
  details: string;
}

export interface Me {
  id?: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
  authMethod: 'token' | 'cookie' | 'api-key' | 'auth-disabled';
}

export interface MeAnswer {
  user: Me;
  csrfToken?: string;
}

export interface CookieLoginAnswer {
  csrfToken: string;
  user: { username: string; role: Role };
  expiresAt: string;
  mustChangePassword: boolean;
}

export interface ChangePasswordAnswer {
  success: boolean;
  csrfToken?: string;
  expiresAt: string;
}

export interface User {
  id: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string;
}

export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface ListAnswer<T> {
  success: boolean;
  data: T[];
  total: number;
}

export interface Risk {
  dockerSocket: boolean;
  privileged: boolean;
  hostNetwork: boolean;
  devices: boolean;
  gpu: boolean;
}

export interface AppSummary {
  id: string;
  name: string;
  category: string;
  image: string;
  description: string;
  icon?: string;
  webPort?: number;
  website?: string;
  risk: Risk;
  services: number;
  custom: boolean;
  /** Optional: true when a non-admin cannot deploy the app with its default settings. */
  adminOnly?: boolean;
  adminReasons?: string[];
}

export type SettingType = 'string' | 'number' | 'boolean' | 'path' | 'port' | 'secret' | 'timezone';

export interface SettingView {
  key: string;
  label?: string;
  type: SettingType;
  default?: string;
  required: boolean;
  generate: boolean;
  secret: boolean;
  standard: boolean;
  description?: string;
}

export interface PortView {
  hostPort?: number;
  containerPort: number;
  protocol: string;
}

export interface ServiceView {
  name: string;
  image: string;
  ports: PortView[];
  volumes: string[];
  environment: string[];
  dependsOn: string[];
  networkMode?: string;
  privileged: boolean;
  capAdd?: string[];
  devices?: string[];
  healthcheck: boolean;
}

export interface WebUi {
  service: string;
  port: number;
  path: string;
  scheme: string;
}

export interface AppDetail extends Omit<AppSummary, 'services'> {
  webUi?: WebUi;
  notes?: string;
  conflicts: string[];
  settings: SettingView[];
  services: ServiceView[];
}

export interface Category {
  id: string;
  name: string;
  count: number;
}

export type ModeType = 'standard' | 'traefik' | 'authelia';

export interface DeployRequest {
  appId: string;
  config: Record<string, string>;
  mode: { type: ModeType };
  redeploy?: boolean;
  pull?: 'missing' | 'always';
}

export interface DeployAccepted {
  success: boolean;
  deploymentId: string;
  appId: string;
  status: string;
  streamUrl: string;
  deploymentUrl: string;
}

export type DeploymentStatus =
  | 'queued' | 'pulling' | 'creating' | 'starting' | 'verifying'
  | 'succeeded' | 'failed' | 'rolled-back' | 'cancelled' | 'interrupted';

export interface Deployment {
  id: string;
  appId: string;
  appName: string;
  mode: string;
  status: DeploymentStatus;
  reason?: string;
  settings: Record<string, string>;
  redeploy: boolean;
  createdBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  events?: DeployEvent[];
  /** Where it runs; missing from servers before environments (then: local). */
  environment?: string;
  /** containers (POST /deploy) or stack (POST /swarm/deploy); missing from older servers. */
  kind?: 'containers' | 'stack';
}

/** One event of the progress stream (and of a deployment's stored history). */
export type DeployEvent =
  | { seq: number; at?: string; type: 'status'; status: DeploymentStatus; reason?: string }
  | { seq: number; at?: string; type: 'step'; step: string; service?: string; message: string }
  | {
      seq: number; at?: string; type: 'pull'; image: string; layer?: string; layerStatus?: string;
      current?: number; total?: number; imagePercent: number; percent: number;
    }
  | { seq: number; at?: string; type: 'log'; service: string; stream: string; line: string }
  | { seq: number; at?: string; type: 'complete'; status: string; webPort?: number; url?: string; containers: string[] }
  | { seq: number; at?: string; type: 'error'; status: DeploymentStatus; reason: string };

export interface UndeployResult {
  appId: string;
  containers: string[];
  networks: string[];
  volumesKept: string[];
  volumesRemoved?: string[];
  problems: string[];
}

export interface PublishedPort {
  hostIp?: string;
  hostPort?: number;
  containerPort: number;
  protocol: string;
}

export interface Stats {
  cpuPercent: number | null;
  memoryUsedBytes: number;
  memoryLimitBytes: number;
  memoryPercent: number | null;
  networkRxBytes: number;
  networkTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
  pids: number;
  sampledAt: string;
}

export interface Container {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  created: string;
  ports: PublishedPort[];
  app: string | null;
  labels: Record<string, string>;
  stats?: Stats;
  /** Where it runs; missing from servers before environments (then: local). */
  environment?: string;
}

/** A Docker environment (GET /environments); its TLS material is never sent. */
export interface Environment {
  name: string;
  kind: 'local' | 'socket' | 'tcp+tls';
  /** Only admins see addresses and errors. */
  address: string | null;
  builtin: boolean;
  tls: boolean;
  reachable: boolean;
  engineVersion: string | null;
  apiVersion: string | null;
  swarmRole: string | null;
  lastError: string | null;
  lastChecked: string | null;
}

export interface StatsEvent {
  data?: { id: string; name: string; app: string | null; stats: Stats | null }[];
  total?: number;
  error?: string;
  details?: string;
  at: string;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  line: string;
  timestamp?: string;
  truncated?: boolean;
}

export interface ContainerAction {
  success: boolean;
  action: string;
  id: string;
  name: string;
  changed: boolean;
  state: string;
}

export interface UsedPort {
  port: number;
  protocol: string;
  source: 'container' | 'host';
  container?: string;
}

export interface PortsCheck {
  success: boolean;
  usedPorts: number[];
  ports: UsedPort[];
  hostPortsVisible: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target?: string;
  client?: string;
  result: 'success' | 'failure';
  details?: string;
}

export interface AuditPage extends ListAnswer<AuditEntry> {
  nextBefore?: number;
}

export interface Health {
  status: 'healthy' | 'degraded';
  reason?: string;
  version: string;
  docker: { connected: boolean; version?: string; apiVersion?: string };
  auth: { enabled: boolean };
}

// notifications (docs/openapi.yaml: /notifications/…)
export type ChannelType = 'webhook' | 'ntfy' | 'gotify' | 'discord' | 'email';

export interface ChannelField {
  name: string;
  required: boolean;
  secret: boolean;
  url: boolean;
}

export interface ChannelTypes {
  success: boolean;
  data: { type: ChannelType; fields: ChannelField[] }[];
  events: string[];
}

export interface NotificationChannel {
  id: string;
  name: string;
  type: ChannelType;
  enabled: boolean;
  events: string[];
  settings: Record<string, string>;
  secretsSet: string[];
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  createdAt: string;
}

export interface ChannelInput {
  name: string;
  type: ChannelType;
  events: string[];
  settings: Record<string, string>;
}

export interface Delivery {
  id: number;
  channelId: string;
  kind: string;
  title: string;
  status: 'pending' | 'retrying' | 'delivered' | 'failed' | 'dropped';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /updates and GET /applications/{id}/update: the last check of one app's containers. */
export interface ContainerCheck {
  appId: string;
  /** The environment the container runs in. */
  environment: string;
  service: string;
  container: string;
  image: string;
  currentDigest?: string | null;
  remoteDigest?: string | null;
  newerTags: string[];
  status: 'up-to-date' | 'update-available' | 'not-checkable' | 'error';
  error?: string | null;
  checkedAt: string;
}

export type UpdatePolicyName = 'notify' | 'auto' | 'pinned';

export interface AppUpdates {
  appId: string;
  policy: UpdatePolicyName;
  window?: string | null;
  updateAvailable: boolean;
  newerTags: string[];
  checkedAt?: string | null;
  containers: ContainerCheck[];
}

export interface UpdateRun {
  deploymentId: string;
  status: string;
  reason?: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt?: string | null;
}

export interface AppUpdateDetail extends AppUpdates {
  runs: UpdateRun[];
}

/** GET /swarm/nodes?env=: one node of the environment's swarm. */
export interface SwarmNode {
  id: string;
  hostname: string | null;
  role: string | null;
  availability: string | null;
  state: string | null;
  address: string | null;
}

export interface SwarmTask {
  id: string;
  slot: number | null;
  /** The node's hostname. */
  node: string | null;
  nodeId: string | null;
  state: string | null;
  desiredState: string | null;
  message: string | null;
  error: string | null;
  timestamp: string | null;
}

export interface StackServiceView {
  /** The compose service name (what scaling takes). */
  service: string;
  /** The swarm service, <app>_<service>. */
  name: string;
  image: string;
  replicas: number | null;
  running: number;
  updateState: string | null;
  updateMessage: string | null;
  tasks: SwarmTask[];
}

/** GET /swarm/stacks?env=: one stack with its services and the tasks meant to run. */
export interface Stack {
  app: string;
  services: StackServiceView[];
}
