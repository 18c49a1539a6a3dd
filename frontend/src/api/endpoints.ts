// One function per route of docs/openapi.yaml that the dashboard uses.
import { query, request } from './client';
import { envParam } from '../logic/environments';
import type {
  ApiKey, AppDetail, AppSummary, AuditPage, Category, ChangePasswordAnswer, Container, ContainerAction,
  CookieLoginAnswer, CreatedApiKey, DeployAccepted, Deployment, DeployRequest, Environment, Health, ListAnswer, LogLine,
  MeAnswer, PortsCheck, Role, UndeployResult, User, ChannelTypes, NotificationChannel, ChannelInput, Delivery,
  AppUpdates, AppUpdateDetail, UpdatePolicyName, Stack, SwarmNode,
} from './types';

const enc = encodeURIComponent;

export const api = {
  login: (username: string, password: string) =>
    request<CookieLoginAnswer>('/auth/login', {
      method: 'POST', body: { username, password, session: 'cookie' }, expectUnauthorized: true,
    }),
  me: (preloaded = false) => request<MeAnswer>('/auth/me', { expectUnauthorized: true, preloaded }),
  logout: () => request<{ success: boolean }>('/auth/logout', { method: 'POST', expectUnauthorized: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<ChangePasswordAnswer>('/auth/change-password', { method: 'POST', body: { currentPassword, newPassword } }),

  users: () => request<ListAnswer<User>>('/auth/users'),
  createUser: (username: string, password: string, role: Role) =>
    request<{ user: User }>('/auth/users', { method: 'POST', body: { username, password, role } }),
  updateUser: (id: string, change: { role?: Role; password?: string }) =>
    request<{ user: User }>(`/auth/users/${enc(id)}`, { method: 'PATCH', body: change }),
  deleteUser: (id: string) => request<{ success: boolean }>(`/auth/users/${enc(id)}`, { method: 'DELETE' }),

  apiKeys: () => request<ListAnswer<ApiKey>>('/auth/api-keys'),
  createApiKey: (name: string) => request<CreatedApiKey>('/auth/api-keys', { method: 'POST', body: { name } }),
  deleteApiKey: (id: string) => request<{ success: boolean }>(`/auth/api-keys/${enc(id)}`, { method: 'DELETE' }),

  apps: (signal?: AbortSignal) => request<ListAnswer<AppSummary>>('/applications', { signal }),
  categories: (signal?: AbortSignal) => request<ListAnswer<Category>>('/applications/categories', { signal }),
  app: (id: string, signal?: AbortSignal) =>
    request<{ success: boolean; data: AppDetail }>(`/applications/${enc(id)}`, { signal }),

  environments: (signal?: AbortSignal) => request<ListAnswer<Environment>>('/environments', { signal }),

  deploy: (body: DeployRequest, env?: string) =>
    request<DeployAccepted>(`/deploy${query({ env: envParam(env) })}`, { method: 'POST', body }),
  undeploy: (appId: string, removeVolumes: boolean, env?: string) =>
    request<{ success: boolean; data: UndeployResult }>(
      `/applications/${enc(appId)}${query({ removeVolumes: removeVolumes || undefined, env: envParam(env) })}`,
      { method: 'DELETE' }),
  deployments: (params: { app?: string; status?: string; limit?: number; env?: string } = {}, signal?: AbortSignal) =>
    request<ListAnswer<Deployment>>(`/deployments${query({ ...params, env: envParam(params.env) })}`, { signal }),
  deployment: (id: string, signal?: AbortSignal) =>
    request<{ success: boolean; data: Deployment }>(`/deployments/${enc(id)}`, { signal }),
  cancelDeployment: (id: string) =>
    request<{ success: boolean; status: string }>(`/deployments/${enc(id)}`, { method: 'DELETE' }),
  progressUrl: (deploymentId: string, lastEventId?: number) =>
    `/stream/progress${query({ deploymentId, lastEventId: lastEventId || undefined })}`,

  updates: (signal?: AbortSignal) => request<ListAnswer<AppUpdates>>('/updates', { signal }),
  appUpdate: (appId: string, signal?: AbortSignal) =>
    request<{ success: boolean; data: AppUpdateDetail }>(`/applications/${enc(appId)}/update`, { signal }),
  checkUpdates: (appId?: string) =>
    request<ListAnswer<AppUpdates> & { unreachable: { environment: string; error: string }[] }>(
      `/updates/check${query({ app: appId })}`, { method: 'POST' }),
  updateApp: (appId: string) => request<DeployAccepted>(`/applications/${enc(appId)}/update`, { method: 'POST' }),
  setUpdatePolicy: (appId: string, policy: UpdatePolicyName, window?: string) =>
    request<{ success: boolean }>(`/applications/${enc(appId)}/update-policy`, {
      method: 'PUT', body: { policy, window: window || undefined },
    }),

  containers: (params: { app?: string; state?: string; env?: string } = {}, signal?: AbortSignal) =>
    request<ListAnswer<Container>>(`/containers${query({ ...params, env: envParam(params.env) })}`, { signal }),
  container: (id: string, signal?: AbortSignal, env?: string) =>
    request<{ success: boolean; data: Container }>(`/containers/${enc(id)}${query({ env: envParam(env) })}`, { signal }),
  containerAction: (id: string, action: 'start' | 'stop' | 'restart', env?: string) =>
    request<ContainerAction>(`/containers/${enc(id)}/${action}${query({ env: envParam(env) })}`, { method: 'POST' }),
  removeContainer: (id: string, force: boolean, env?: string) =>
    request<ContainerAction>(`/containers/${enc(id)}${query({ force: force || undefined, env: envParam(env) })}`,
      { method: 'DELETE' }),
  logs: (id: string, tail: number, env?: string) =>
    request<ListAnswer<LogLine>>(`/containers/${enc(id)}/logs${query({ tail, env: envParam(env) })}`),
  logsFollowUrl: (id: string, tail: number, since?: string, env?: string) =>
    `/containers/${enc(id)}/logs${query({ follow: true, tail, since, env: envParam(env) })}`,
  statsUrl: (env?: string) => `/stream/stats${query({ env: envParam(env) })}`,

  portsCheck: (signal?: AbortSignal, env?: string) =>
    request<PortsCheck>(`/ports/check${query({ env: envParam(env) })}`, { signal }),
  portAvailable: (start: number, end: number, env?: string) =>
    request<{ success: boolean; port: number }>(`/ports/available${query({ start, end, env: envParam(env) })}`),

  swarmNodes: (env: string, signal?: AbortSignal) =>
    request<{ success: boolean; data: SwarmNode[] }>(`/swarm/nodes${query({ env: envParam(env) })}`, { signal }),
  swarmStacks: (env: string, signal?: AbortSignal) =>
    request<ListAnswer<Stack>>(`/swarm/stacks${query({ env: envParam(env) })}`, { signal }),
  scaleService: (app: string, service: string, replicas: number, env: string) =>
    request<{ success: boolean }>(`/swarm/stacks/${enc(app)}/services/${enc(service)}/scale${query({ env: envParam(env) })}`,
      { method: 'POST', body: { replicas } }),

  audit: (params: { limit?: number; before?: number; action?: string; actor?: string }) =>
    request<AuditPage>(`/audit${query(params)}`),
  health: () => request<Health>('/health'),

  channelTypes: () => request<ChannelTypes>('/notifications/channel-types'),
  channels: () => request<ListAnswer<NotificationChannel>>('/notifications/channels'),
  createChannel: (body: ChannelInput) =>
    request<{ success: boolean; data: NotificationChannel }>('/notifications/channels', { method: 'POST', body }),
  updateChannel: (id: string, change: { enabled?: boolean }) =>
    request<{ success: boolean; data: NotificationChannel }>(`/notifications/channels/${enc(id)}`,
      { method: 'PATCH', body: change }),
  deleteChannel: (id: string) =>
    request<{ success: boolean }>(`/notifications/channels/${enc(id)}`, { method: 'DELETE' }),
  testChannel: (id: string) =>
    request<{ success: boolean; data: { delivered: boolean; error: string | null } }>(
      `/notifications/channels/${enc(id)}/test`, { method: 'POST' }),
  deliveries: (limit: number) => request<ListAnswer<Delivery>>(`/notifications/deliveries${query({ limit })}`),
};
