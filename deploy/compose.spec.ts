import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// docker-compose.yml must be valid and keep its security properties even though no Docker engine
// runs where the tests run. `docker-compose config` (Compose v1 from Debian, or v2's `docker
// compose`) validates it without an engine; the properties are checked on the file as written,
// before interpolation, because that is where an inline secret would be.

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const composePath = join(repoRoot, 'docker-compose.yml');

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  user?: string;
  ports?: unknown[];
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: unknown;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  networks?: string[] | Record<string, unknown>;
}

interface ComposeFile {
  version?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, { internal?: boolean } | null>;
  secrets?: Record<string, { file?: string; environment?: string }>;
}

function readCompose(text: string): ComposeFile {
  return parse(text, { merge: true }) as ComposeFile;
}

const rawCompose = readFileSync(composePath, 'utf8');
const compose = readCompose(rawCompose);
const services = compose.services;

// Dummy values for every variable the compose file requires; distinct so leaks can be traced.
const dummySettings = {
  POSTGRES_PASSWORD: 'dummy-owner-password-3f9a',
  LAPATA_DB_APP_PASSWORD: 'dummy-app-password-8c1d',
  PUBLIC_URL: 'https://lapata.invalid',
  SMTP_URL: 'smtp://lapata:dummy-smtp-password-51be@mail.invalid:587',
};

const secretName = /PASSWORD|SECRET|TOKEN|KEY/i;
const onlyReferences = /^(\$\{[A-Z0-9_]+(:?[-?][^}]*)?\})+$/;
const reference = '\u0000';

function environmentOf(service: ComposeService): [string, string | null][] {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return environment.map((entry) => {
      const separator = entry.indexOf('=');
      return separator < 0 ? [entry, null] : [entry.slice(0, separator), entry.slice(separator + 1)];
    });
  }
  return Object.entries(environment).map(([name, value]) => [name, value === null ? null : String(value)]);
}

function dependsOn(service: ComposeService): Record<string, { condition?: string }> {
  const dependencies = service.depends_on ?? {};
  return Array.isArray(dependencies) ? Object.fromEntries(dependencies.map((name) => [name, {}])) : dependencies;
}

function networksOf(service: ComposeService): string[] {
  const networks = service.networks ?? ['default'];
  return Array.isArray(networks) ? networks : Object.keys(networks);
}

function dockerfileOf(name: string): string {
  const build = services[name]?.build;
  if (!build || typeof build === 'string') throw new Error(`service ${name} must name its Dockerfile`);
  return readFileSync(join(repoRoot, build.context ?? '.', build.dockerfile ?? 'Dockerfile'), 'utf8');
}

/** The instructions of the Dockerfile's last stage, the one that runs. */
function finalStage(dockerfile: string): string[] {
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const lastFrom = instructions.findLastIndex((line) => /^FROM\s/i.test(line));
  return instructions.slice(lastFrom);
}

function composeCommand(): string[] | undefined {
  const clean = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  if (spawnSync('docker-compose', ['version'], { env: clean }).status === 0) return ['docker-compose'];
  if (spawnSync('docker', ['compose', 'version'], { env: clean }).status === 0) return ['docker', 'compose'];
  return undefined;
}

const composeCli = composeCommand();
if (!composeCli) {
  const message =
    'docker-compose.yml: neither `docker-compose` nor `docker compose` is installed, so the file is not ' +
    'validated by Compose (apt-get install docker-compose).';
  if (process.env.CI === 'true') throw new Error(`${message} CI requires it.`);
  console.warn(`SKIPPED: ${message}`);
}

const scratch = mkdtempSync(join(tmpdir(), 'lapata-compose-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `compose config` with only the given settings: no shell variables, no .env of the checkout. */
function composeConfig(settings: Record<string, string>) {
  const envFile = join(scratch, `${randomUUID()}.env`);
  writeFileSync(envFile, Object.entries(settings).map(([name, value]) => `${name}=${value}\n`).join(''));
  const [command = 'docker-compose', ...prefix] = composeCli ?? [];
  return spawnSync(command, [...prefix, '--env-file', envFile, '--file', composePath, 'config'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: scratch },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe.skipIf(!composeCli)('docker-compose config', () => {
  it('accepts the file with every required setting given', () => {
    const result = composeConfig(dummySettings);
    expect(result.stderr).not.toMatch(/invalid|unsupported|error/i);
    expect(result.status).toBe(0);

    const resolved = readCompose(result.stdout);
    expect(Object.keys(resolved.services).sort()).toEqual(['api', 'db', 'migrate', 'web']);
    const api = Object.fromEntries(environmentOf(resolved.services.api!));
    expect(api.DATABASE_URL).toBe(`postgresql://lapata_app:${dummySettings.LAPATA_DB_APP_PASSWORD}@db:5432/lapata`);
    const migrate = Object.fromEntries(environmentOf(resolved.services.migrate!));
    expect(migrate.DATABASE_MIGRATION_URL).toBe(`postgresql://lapata:${dummySettings.POSTGRES_PASSWORD}@db:5432/lapata`);
  });

  it('hands each service only the secrets it needs', () => {
    const resolved = readCompose(composeConfig(dummySettings).stdout);
    const secretsSeenBy = (name: string) =>
      Object.entries(dummySettings)
        .filter(([setting, value]) => setting !== 'PUBLIC_URL' && JSON.stringify(resolved.services[name]).includes(value))
        .map(([setting]) => setting)
        .sort();
    expect(secretsSeenBy('web')).toEqual([]);
    expect(secretsSeenBy('migrate')).toEqual(['POSTGRES_PASSWORD']);
    expect(secretsSeenBy('api')).toEqual(['LAPATA_DB_APP_PASSWORD', 'SMTP_URL']);
    expect(secretsSeenBy('db')).toEqual(['LAPATA_DB_APP_PASSWORD', 'POSTGRES_PASSWORD']);
  });

  it.each(Object.keys(dummySettings))('refuses to start without %s', (missing) => {
    const settings = Object.fromEntries(Object.entries(dummySettings).filter(([name]) => name !== missing));
    const result = composeConfig(settings);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`set ${missing} in .env`);
  });
});

describe('docker-compose.yml', () => {
  it('uses the Compose Specification: no version key', () => {
    expect(compose.version).toBeUndefined();
  });

  it('publishes ports only from the web, on loopback unless configured otherwise', () => {
    const publishing = Object.entries(services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(publishing).toEqual(['web']);
    expect(services.web!.ports).toEqual(['${LAPATA_WEB_BIND:-127.0.0.1}:${LAPATA_WEB_PORT:-3000}:3000']);
  });

  it('keeps the database on internal networks only', () => {
    const networks = networksOf(services.db!);
    expect(networks.length).toBeGreaterThan(0);
    for (const network of networks) expect(compose.networks?.[network]?.internal, network).toBe(true);
  });

  it('keeps the database on a named volume, with a pg_isready healthcheck over TCP', () => {
    const db = services.db!;
    const dataMount = (db.volumes ?? []).find((volume) =>
      typeof volume === 'string' ? volume.split(':')[1] === '/var/lib/postgresql' : volume.target === '/var/lib/postgresql',
    );
    const volumeName = typeof dataMount === 'string' ? dataMount.split(':')[0] : dataMount?.source;
    expect(volumeName).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volumeName);
    // Over TCP: the socket answers already while the image initialises a new volume.
    expect(JSON.stringify(db.healthcheck?.test)).toMatch(/pg_isready .*--host 127\.0\.0\.1/);
  });

  it('gives every service a healthcheck, except one-shot jobs', () => {
    for (const [name, service] of Object.entries(services)) {
      const oneShot = service.restart === 'no';
      if (oneShot) {
        const awaitedBy = Object.values(services).filter(
          (other) => dependsOn(other)[name]?.condition === 'service_completed_successfully',
        );
        expect(awaitedBy.length, `${name} is one-shot, so a service must wait for it to complete`).toBeGreaterThan(0);
        continue;
      }
      const inCompose = service.healthcheck?.test !== undefined && service.healthcheck.disable !== true;
      const inImage =
        service.build !== undefined && finalStage(dockerfileOf(name)).some((line) => /^HEALTHCHECK\s.*\bCMD\b/i.test(line));
      expect(inCompose || inImage, `${name} has no healthcheck`).toBe(true);
    }
  });

  it('starts the API after the migrations and the web after a healthy API', () => {
    expect(dependsOn(services.migrate!).db?.condition).toBe('service_healthy');
    expect(dependsOn(services.api!).migrate?.condition).toBe('service_completed_successfully');
    expect(dependsOn(services.web!).api?.condition).toBe('service_healthy');
  });

  it.each(['migrate', 'api', 'web'])('hardens the %s container', (name) => {
    const service = services[name]!;
    expect(service.read_only).toBe(true);
    expect(service.cap_drop).toEqual(['ALL']);
    expect(service.security_opt).toContain('no-new-privileges:true');
    expect(service.user).toBeUndefined();
  });

  it.each(['api', 'web'])('runs the %s image as a non-root user, in production mode', (name) => {
    const stage = finalStage(dockerfileOf(name));
    expect(stage[0]).toMatch(/^FROM\s+base\s+AS\s+runtime$/i);
    const users = stage.filter((line) => /^USER\s/i.test(line));
    expect(users.at(-1)).toBe('USER node');
    expect(stage.join('\n')).toMatch(/NODE_ENV=production/);
    const dockerfile = dockerfileOf(name);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
  });

  it('writes no secret value into the file', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.env_file, `${name} must list its variables, not take a whole env file`).toBeUndefined();
      for (const [variable, value] of environmentOf(service)) {
        const where = `${name}: ${variable}`;
        if (value === null) continue;
        // A password inside a URL may only be made of ${...} references.
        const masked = value.replace(/\$\{[^}]*\}/g, reference);
        const password = /^[a-z][a-z0-9+.-]*:\/\/[^/:@]*:([^@]*)@/i.exec(masked)?.[1];
        if (password !== undefined) expect(password.replaceAll(reference, ''), where).toBe('');
        if (!secretName.test(variable)) continue;
        if (variable.endsWith('_FILE')) expect(value, where).toMatch(/^\/run\/secrets\/[a-z_]+$/);
        else expect(value, where).toMatch(/^\$\{[A-Z0-9_]+:\?[^}]+\}$/);
      }
    }
    for (const [name, secret] of Object.entries(compose.secrets ?? {})) {
      expect(secret.file, `secret ${name} must come from a file`).toMatch(onlyReferences);
    }
  });

  it('documents in .env.example every setting it reads, with placeholders for secrets', () => {
    const example = readFileSync(join(repoRoot, '.env.example'), 'utf8');
    const documented = new Map(
      [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1]!, match[2]!.trim()]),
    );
    const referenced = new Set([...rawCompose.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]!));
    for (const [, service] of Object.entries(services)) {
      for (const [variable, value] of environmentOf(service)) if (value === null) referenced.add(variable);
    }
    for (const variable of referenced) expect([...documented.keys()], variable).toContain(variable);
    // Secrets are placeholders; a setting that names where a secret file lies is a path.
    for (const [variable, value] of documented) {
      if (!secretName.test(variable)) continue;
      if (/_FILE(_ON_HOST)?$/.test(variable)) expect(value, variable).toMatch(/^\.?\/[\w./-]+$/);
      else expect(value, variable).toBe('change-me');
    }
  });
});
