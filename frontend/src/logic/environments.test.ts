import { envParam, managesSwarm, targetOf, validChoice, ALL, LOCAL } from './environments';
import { query } from '../api/client';

describe('environments', () => {
  it('leaves env out for local, so the requests are the ones older servers know', () => {
    expect(envParam(LOCAL)).toBeUndefined();
    expect(envParam(undefined)).toBeUndefined();
    expect(envParam('nas')).toBe('nas');
    expect(query({ app: 'x', env: envParam(LOCAL) })).toBe('?app=x');
    expect(query({ env: envParam('nas') })).toBe('?env=nas');
  });

  it('acts on one place: all falls back to where the item runs, else local', () => {
    expect(targetOf('nas')).toBe('nas');
    expect(targetOf(ALL, 'pi')).toBe('pi');
    expect(targetOf(ALL)).toBe(LOCAL);
  });

  it('forgets a choice that no longer exists', () => {
    expect(validChoice('gone', ['local', 'nas'])).toBe(LOCAL);
    expect(validChoice('nas', ['local', 'nas'])).toBe('nas');
    expect(validChoice(ALL, ['local'])).toBe(ALL);
  });

  it('offers the Swarm screen only for an environment whose engine is a swarm manager', () => {
    const envs = [{ name: LOCAL, swarmRole: 'inactive' }, { name: 'cluster', swarmRole: 'manager' },
      { name: 'pi', swarmRole: 'worker' }, { name: 'nas', swarmRole: null }];
    expect(managesSwarm('cluster', envs)).toBe(true);
    expect(managesSwarm(LOCAL, envs)).toBe(false);
    expect(managesSwarm('pi', envs)).toBe(false);
    expect(managesSwarm('nas', envs)).toBe(false);
    expect(managesSwarm(ALL, envs)).toBe(false);
    expect(managesSwarm('cluster', [])).toBe(false);
  });
});
