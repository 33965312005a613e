// compose.yaml as `docker compose` would read it (no Docker engine here): parsed with YAML merge
// keys, then each profile's set of services checked, and the Previewarr containers' environment
// run through the service's own configuration schema.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sharedSettingsOf } from '../../src/app/process-registry.ts';
import { loadEnv } from '../../src/config/env.ts';

type Service = {
  profiles?: string[];
  image?: string;
  container_name?: string;
  environment?: Record<string, string | number> | string[];
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  networks?: { default?: { aliases?: string[] } };
};

const compose = parse(readFileSync(new URL('../../compose.yaml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service> };

/** The services `docker compose --profile <profile> up` starts: those without a profile, and its own. */
function servicesOf(profile: string): Record<string, Service> {
  return Object.fromEntries(Object.entries(compose.services).filter(([, service]) => service.profiles === undefined || service.profiles.includes(profile)));
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
}

function hostPorts(services: Record<string, Service>): string[] {
  return Object.values(services).flatMap((service) => (service.ports ?? []).map((port) => port.split(':')[0]!));
}

describe('compose.yaml', () => {
  it('the scale profile runs PostgreSQL, one web process and workers that --scale can multiply', () => {
    const services = servicesOf('scale');
    expect(Object.keys(services).sort()).toEqual(['postgres', 'radarr', 'sonarr', 'web', 'worker']);
    const ports = hostPorts(services);
    expect(new Set(ports).size).toBe(ports.length);

    const { web, worker, postgres } = services as Record<'web' | 'worker' | 'postgres', Service>;
    // A fixed container name or a published port would make `--scale worker=3` fail.
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();

    const webEnv = environmentOf(web);
    const workerEnv = environmentOf(worker);
    expect(webEnv.ROLE).toBe('web');
    expect(workerEnv.ROLE).toBe('worker');
    // Both pass the service's own start-up checks and agree on everything that must be equal.
    expect(loadEnv(webEnv).ROLE).toBe('web');
    expect(loadEnv(workerEnv).ROLE).toBe('worker');
    expect(sharedSettingsOf(loadEnv(workerEnv))).toEqual(sharedSettingsOf(loadEnv(webEnv)));
    expect(workerEnv.DATABASE_URL).toBe(webEnv.DATABASE_URL);
    expect(worker.volumes).toEqual(web.volumes);
    expect(web.volumes).toContain('./previewarr:/config');

    // The URL reaches the postgres service with its user, password and database.
    const url = new URL(webEnv.DATABASE_URL!);
    const pgEnv = environmentOf(postgres);
    expect(url.hostname).toBe('postgres');
    expect([decodeURIComponent(url.username), decodeURIComponent(url.password), url.pathname.slice(1)]).toEqual([
      pgEnv.POSTGRES_USER,
      pgEnv.POSTGRES_PASSWORD,
      pgEnv.POSTGRES_DB,
    ]);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    for (const service of [web, worker]) expect(service.depends_on?.postgres?.condition).toBe('service_healthy');
    // Radarr and Sonarr keep calling http://previewarr:7880.
    expect(web.networks?.default?.aliases).toContain('previewarr');
    expect(web.ports).toEqual(['7880:7880']);
  });

  it('the single profile runs one Previewarr on the embedded database', () => {
    const services = servicesOf('single');
    expect(Object.keys(services).sort()).toEqual(['previewarr', 'radarr', 'sonarr']);
    const env = loadEnv(environmentOf(services.previewarr!));
    expect(env.ROLE).toBe('all');
    expect(env.DATABASE_URL).toBeUndefined();
    const ports = hostPorts(services);
    expect(new Set(ports).size).toBe(ports.length);
  });
});
