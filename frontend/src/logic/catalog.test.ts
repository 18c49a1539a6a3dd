import { countByCategory, filterApps, hue, initials, riskBadges } from './catalog';
import type { AppSummary } from '../api/types';

const risk = { dockerSocket: false, privileged: false, hostNetwork: false, devices: false, gpu: false };
const app = (id: string, name: string, category: string, description: string, extra: Partial<AppSummary> = {}): AppSummary =>
  ({ id, name, category, description, image: 'x', risk, services: 1, custom: false, ...extra });

const apps = [
  app('media-servers-plex', 'Plex', 'media-servers', 'Streams your movies'),
  app('media-servers-jellyfin', 'Jellyfin', 'media-servers', 'Free media server'),
  app('media-management-sonarr', 'Sonarr', 'media-management', 'Finds TV shows for Plex or Jellyfin'),
  app('system-portainer', 'Portainer', 'system', 'Manage Docker', { risk: { ...risk, dockerSocket: true } }),
];
const names = new Map([['media-servers', 'Media servers'], ['media-management', 'Media management'], ['system', 'System']]);

describe('catalog search', () => {
  it('matches name, description and category, every word, ignoring case', () => {
    expect(filterApps(apps, 'plex', null, names).map((a) => a.name)).toEqual(['Plex', 'Sonarr']);
    expect(filterApps(apps, 'FREE media', null, names).map((a) => a.name)).toEqual(['Jellyfin']);
    expect(filterApps(apps, 'system', null, names).map((a) => a.name)).toEqual(['Portainer']);
    expect(filterApps(apps, 'media servers', null, names).map((a) => a.name)).toEqual(['Plex', 'Jellyfin']);
  });

  it('narrows by category and counts what the search matches per category', () => {
    expect(filterApps(apps, 'jellyfin', 'media-servers', names).map((a) => a.name)).toEqual(['Jellyfin']);
    const counts = countByCategory(apps, 'jellyfin', names);
    expect(counts.get('media-servers')).toBe(1);
    expect(counts.get('media-management')).toBe(1);
    expect(counts.get('system')).toBeUndefined();
  });

  it('renders 175 apps through the filter in well under a frame', () => {
    const many = Array.from({ length: 175 }, (_, i) => app(`a-${i}`, `App ${i}`, 'system', 'lorem ipsum '.repeat(10)));
    const t = performance.now();
    for (let i = 0; i < 20; i++) filterApps(many, `app ${i}`, null, names);
    expect((performance.now() - t) / 20).toBeLessThan(8);
  });
});

describe('app tiles', () => {
  it('draws initials from the name', () => {
    expect(initials('Home Assistant')).toBe('HA');
    expect(initials('qBittorrent')).toBe('QB');
    expect(initials('Plex')).toBe('PL');
    expect(initials('n8n')).toBe('N8');
  });

  it('keeps the same colour per app', () => {
    expect(hue('media-servers-plex')).toBe(hue('media-servers-plex'));
    expect(hue('a')).not.toBe(hue('b'));
  });

  it('names the risks, the host-takeover ones as severe', () => {
    expect(riskBadges({ ...risk, dockerSocket: true, gpu: true })).toEqual([
      { key: 'dockerSocket', label: 'Mounts the Docker socket', severe: true },
      { key: 'gpu', label: 'Uses a GPU', severe: false },
    ]);
    expect(riskBadges(risk)).toEqual([]);
  });
});
