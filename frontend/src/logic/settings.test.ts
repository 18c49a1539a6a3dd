import { configFor, groups, initialValues, portConflicts, validate } from './settings';
import type { SettingView } from '../api/types';

const s = (key: string, type: SettingView['type'], extra: Partial<SettingView> = {}): SettingView =>
  ({ key, type, required: false, generate: false, secret: type === 'secret', standard: false, ...extra });

const settings = [
  s('WEBUI_PORT', 'port', { default: '8080', required: true }),
  s('DB_PASSWORD', 'secret', { generate: true, required: true }),
  s('ADMIN_TOKEN', 'secret', { default: '********' }),
  s('MEDIA_DIR', 'path', { default: '/srv/media' }),
  s('TZ', 'timezone', { default: 'Etc/UTC', standard: true }),
];

describe('deploy form', () => {
  it('starts from defaults, with secrets empty (their defaults are masked)', () => {
    expect(initialValues(settings)).toEqual({
      WEBUI_PORT: '8080', DB_PASSWORD: '', ADMIN_TOKEN: '', MEDIA_DIR: '/srv/media', TZ: 'Etc/UTC',
    });
  });

  it('takes a redeploy\'s previous values, except masked secrets', () => {
    const v = initialValues(settings, { WEBUI_PORT: '9090', DB_PASSWORD: '********' });
    expect(v.WEBUI_PORT).toBe('9090');
    expect(v.DB_PASSWORD).toBe('');
  });

  it('checks types and required values, but not generated secrets', () => {
    expect(validate(settings, initialValues(settings))).toEqual({});
    expect(validate(settings, { WEBUI_PORT: '', MEDIA_DIR: 'relative' })).toEqual({
      WEBUI_PORT: 'Required', MEDIA_DIR: 'An absolute path, starting with /',
    });
    expect(validate(settings, { WEBUI_PORT: '70000' }).WEBUI_PORT).toMatch(/1 to 65535/);
  });

  it('sends only given values, so the server generates or defaults the rest', () => {
    expect(configFor(settings, initialValues(settings))).toEqual({
      WEBUI_PORT: '8080', MEDIA_DIR: '/srv/media', TZ: 'Etc/UTC',
    });
  });

  it('warns about host ports already in use, naming who holds them', () => {
    const used = [{ port: 8080, protocol: 'tcp', source: 'container', container: 'plex' }, { port: 22, protocol: 'tcp', source: 'host' }];
    expect(portConflicts(settings, { WEBUI_PORT: '8080' }, used)).toEqual([{ key: 'WEBUI_PORT', port: 8080, holder: 'container plex' }]);
    expect(portConflicts(settings, { WEBUI_PORT: '22' }, used)[0].holder).toBe('a host process');
    expect(portConflicts(settings, { WEBUI_PORT: '8081' }, used)).toEqual([]);
  });

  it('puts the standard settings apart', () => {
    const g = groups(settings);
    expect(g.standard.map((x) => x.key)).toEqual(['TZ']);
    expect(g.app).toHaveLength(4);
  });
});
