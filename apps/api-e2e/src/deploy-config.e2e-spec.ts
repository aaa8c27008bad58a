import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders, Server as HttpServer } from 'node:http';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Server as SocketIoServer } from 'socket.io';
import { io } from 'socket.io-client';
import type { LocalNginx, RunResult } from '@supchat/testing';
import {
  API_INSTANCES,
  NGINX_CONF,
  freePort,
  http,
  localNginx,
  nginxArgs,
  nginxStdio,
  nginxSupportsUpstreamResolve,
  run,
  stopProcess,
  tempDir,
  tool,
  waitForHttp,
} from '@supchat/testing';

/**
 * The deployment files in docker/, checked with the real tools: promtool (Debian's `prometheus`
 * package) for the Prometheus configuration, the alert rules and their unit tests; nginx (Debian's
 * `nginx` package) for the front-end configuration, which also runs in front of two stand-in API
 * instances; and the compose file and Grafana dashboard checked for their wiring. A missing tool
 * fails the test (.ci/run installs both); it never skips.
 */

const ROOT = process.cwd();
const DOCKER = join(ROOT, 'docker');
const PROMETHEUS_DIR = join(DOCKER, 'prometheus');
const COMPOSE_FILE = join(DOCKER, 'docker-compose.yml');
const DOCKERFILE = join(DOCKER, 'Dockerfile');
const DASHBOARD_FILE = join(DOCKER, 'grafana', 'dashboards', 'supchat.json');
const DATASOURCE_FILE = join(DOCKER, 'grafana', 'provisioning', 'datasources', 'prometheus.yml');
const DASHBOARD_PROVIDER_FILE = join(DOCKER, 'grafana', 'provisioning', 'dashboards', 'supchat.yml');

/** The series the server exposes (prom-client), plus Prometheus's own `up`. */
const HISTOGRAMS = [
  'supchat_message_persist_seconds',
  'supchat_message_fanout_seconds',
  'supchat_message_delivery_seconds',
  'supchat_client_ack_rtt_seconds',
  'supchat_http_request_duration_seconds',
  'supchat_db_operation_seconds',
];
const SUPCHAT_GAUGES_AND_COUNTERS = [
  'supchat_sockets_connected',
  'supchat_active_users',
  'supchat_socket_events_total',
  'supchat_rate_limited_total',
  'supchat_errors_total',
  'supchat_messages_stored',
];
const DEFAULT_METRICS = [
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'nodejs_heap_size_used_bytes',
  'nodejs_eventloop_lag_p50_seconds',
  'nodejs_eventloop_lag_p99_seconds',
  'nodejs_eventloop_lag_seconds',
];
const KNOWN_SERIES = new Set([
  ...SUPCHAT_GAUGES_AND_COUNTERS,
  ...DEFAULT_METRICS,
  'up',
  ...HISTOGRAMS.flatMap((name) => [`${name}_bucket`, `${name}_sum`, `${name}_count`]),
]);

// ---------------------------------------------------------------------------------------------
// Tools and files

const promtool = () => tool('promtool', 'prometheus');
const nginx = () => tool('nginx', 'nginx');

/** Exit status 0, or a failure that shows the tool's output. */
function expectSuccess(result: RunResult, what: string): void {
  if (result.status !== 0)
    throw new Error(`${what} failed (exit status ${result.status}):\n${result.output}`);
}

interface YamlModule {
  parse(source: string, options?: { merge?: boolean }): unknown;
}

// No YAML parser is a direct dependency of the workspace. `yaml` is a dependency of nx (pinned in
// package.json), so it is loaded from nx's own location, which holds whatever npm's hoisting does.
const workspaceRequire = createRequire(join(ROOT, 'package.json'));
const yaml = createRequire(workspaceRequire.resolve('nx/package.json'))('yaml') as YamlModule;

type Yaml = Record<string, unknown>;

function readYaml(path: string): Yaml {
  // merge: compose files use `<<: *anchor`.
  return yaml.parse(readFileSync(path, 'utf8'), { merge: true }) as Yaml;
}

// ---------------------------------------------------------------------------------------------
// PromQL

const PROMQL_KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'atan2',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects: identifiers that are not functions,
 * aggregations, keywords, label names, strings, durations or Grafana variables.
 */
function metricNames(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+(?::\w+)?\}?/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][\w:]*/g)) {
    const name = match[0];
    const start = match.index;
    const before = stripped[start - 1] ?? ' ';
    if (/[\d.]/.test(before)) continue; // 1e9, 5m
    if (
      stripped
        .slice(start + name.length)
        .trimStart()
        .startsWith('(')
    )
      continue; // a function
    if (PROMQL_KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

/** The histogram or plain metric a series name belongs to. */
function baseMetric(series: string): string {
  const histogram = HISTOGRAMS.find(
    (name) => series.startsWith(name) && /^_(bucket|sum|count)$/.test(series.slice(name.length)),
  );
  return histogram ?? series;
}

// ---------------------------------------------------------------------------------------------
// Grafana

interface GrafanaTarget {
  refId: string;
  expr: string;
  datasource?: { type?: string; uid?: string };
}

interface GrafanaPanel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: GrafanaTarget[];
  panels?: GrafanaPanel[];
}

interface GrafanaDashboard {
  uid: string;
  title: string;
  panels: GrafanaPanel[];
  templating?: { list: { name: string; query: string | { query: string } }[] };
}

function readDashboard(): GrafanaDashboard {
  return JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as GrafanaDashboard;
}

function allPanels(panels: GrafanaPanel[]): GrafanaPanel[] {
  return panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
}

/** Grafana's variables replaced by values PromQL accepts, for promtool. */
function withGrafanaVariablesFilled(expression: string): string {
  return expression.replace(/\$__(?:rate_)?interval\b/g, '1m').replace(/\$\{?instance\}?/g, '.*');
}

// ---------------------------------------------------------------------------------------------
// nginx

/** nginx understands `server ... resolve` in an upstream block from 1.27.3 on. */
interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
}

interface StubApi {
  name: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * Stands in for an API instance: answers every HTTP request with its name and what it received,
 * serves a fake /metrics (which nginx must never pass on), and runs a Socket.IO server on
 * /socket.io that greets with its name and the handshake's forwarded headers.
 */
async function startStubApi(name: string): Promise<StubApi> {
  const port = await freePort();
  const requests: SeenRequest[] = [];
  const server: HttpServer = createServer((request, response) => {
    let bodyBytes = 0;
    request.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        bodyBytes,
      });
      if (request.url?.startsWith('/metrics')) {
        response.setHeader('content-type', 'text/plain');
        response.end('supchat_sockets_connected 1\n');
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ instance: name, url: request.url, bodyBytes }));
    });
  });
  const sockets = new SocketIoServer(server, { path: '/socket.io', serveClient: false });
  sockets.on('connection', (socket) => {
    socket.emit('hello', {
      instance: name,
      forwardedFor: socket.handshake.headers['x-forwarded-for'],
      requestId: socket.handshake.headers['x-request-id'],
    });
    socket.on('echo', (data: unknown, ack: (reply: unknown) => void) => ack({ instance: name, data }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  let closing: Promise<void> | undefined;
  return {
    name,
    port,
    requests,
    close: () => {
      closing ??= (async () => {
        const closed = sockets.close();
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Compose

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  restart?: string;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: string[] | Record<string, string | number | boolean | null>;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  secrets?: (string | { source: string })[];
  ports?: (string | number)[];
  command?: string | string[];
  stop_grace_period?: string;
  init?: boolean;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file?: string; environment?: string }>;
}

function readCompose(): ComposeFile {
  return readYaml(COMPOSE_FILE) as unknown as ComposeFile;
}

function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const equals = entry.indexOf('=');
        return equals < 0 ? [entry, ''] : [entry.slice(0, equals), entry.slice(equals + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? '')]));
}

function dependenciesOf(service: ComposeService): Record<string, string> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(dependsOn).map(([name, options]) => [name, options.condition ?? 'service_started']),
  );
}

/** Bind mounts and named volumes as [source, target]. */
function mountsOf(service: ComposeService): [string, string][] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume === 'string') {
      const [source = '', target = ''] = volume.split(':');
      return [source, target];
    }
    return [volume.source ?? '', volume.target ?? ''];
  });
}

/** Compose durations such as 30s, 1m30s, 500ms, in seconds. */
function seconds(duration: string): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6 };
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)];
  if (parts.map((part) => part[0]).join('') !== duration) throw new Error(`not a duration: ${duration}`);
  return parts.reduce((total, [, value, unit]) => total + Number(value) * (units[unit ?? 's'] ?? 0), 0);
}

function healthTest(service: ComposeService): string {
  const test = service.healthcheck?.test ?? [];
  return Array.isArray(test) ? test.join(' ') : test;
}

// =============================================================================================

describe('deployment files (docker/)', () => {
  describe('Prometheus', () => {
    it('prometheus.yml passes `promtool check config` (rules included) with the token file in place', () => {
      // The config reads the metrics token from the compose secret's path; promtool insists that
      // the file exists, so the check runs on a copy that points at a local token file.
      const config = readFileSync(join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8');
      expect(config).toContain('credentials_file: /run/secrets/metrics_token');
      const directory = tempDir('supchat-prometheus-');
      try {
        writeFileSync(join(directory, 'metrics_token'), 'test-token\n');
        writeFileSync(join(directory, 'alerts.yml'), readFileSync(join(PROMETHEUS_DIR, 'alerts.yml')));
        writeFileSync(
          join(directory, 'prometheus.yml'),
          config.replace('/run/secrets/metrics_token', join(directory, 'metrics_token')),
        );
        const result = run(promtool(), ['check', 'config', 'prometheus.yml'], directory);
        expectSuccess(result, 'promtool check config');
        expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });

    it('scrapes /metrics of both API instances with a bearer token read from a file (job "supchat")', () => {
      const config = readYaml(join(PROMETHEUS_DIR, 'prometheus.yml')) as {
        rule_files: string[];
        scrape_configs: {
          job_name: string;
          metrics_path?: string;
          authorization?: { type?: string; credentials_file?: string; credentials?: string };
          static_configs: { targets: string[] }[];
        }[];
      };
      const job = config.scrape_configs.find((scrape) => scrape.job_name === 'supchat');
      expect(job).toBeDefined();
      expect(job?.metrics_path ?? '/metrics').toBe('/metrics');
      expect(job?.authorization?.type ?? 'Bearer').toBe('Bearer');
      expect(job?.authorization?.credentials_file).toBe('/run/secrets/metrics_token');
      expect(job?.authorization?.credentials).toBeUndefined();
      expect(job?.static_configs.flatMap((entry) => entry.targets).sort()).toEqual(API_INSTANCES);
      expect(config.rule_files).toEqual(['alerts.yml']);
    });

    it('alerts.yml passes `promtool check rules`', () => {
      const result = run(promtool(), ['check', 'rules', join(PROMETHEUS_DIR, 'alerts.yml')]);
      expectSuccess(result, 'promtool check rules alerts.yml');
      expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
    });

    it('the alert unit tests pass: instance down, delivery p99, errors and event-loop lag fire on bad series and stay quiet on healthy ones', () => {
      const result = run(promtool(), ['test', 'rules', 'alerts.test.yml'], PROMETHEUS_DIR);
      expectSuccess(result, 'promtool test rules alerts.test.yml');
      const tests = readYaml(join(PROMETHEUS_DIR, 'alerts.test.yml')) as {
        tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
      };
      const cases = tests.tests.flatMap((test) => test.alert_rule_test);
      for (const alert of [
        'SupchatInstanceDown',
        'SupchatDeliveryLatencyHigh',
        'SupchatInternalErrors',
        'SupchatHttp5xxRatioHigh',
        'SupchatEventLoopLagHigh',
      ]) {
        const own = cases.filter((testCase) => testCase.alertname === alert);
        // Each one is shown firing and shown quiet.
        expect({ alert, fires: own.some((c) => c.exp_alerts.length > 0) }).toEqual({ alert, fires: true });
        expect({ alert, quiet: own.some((c) => c.exp_alerts.length === 0) }).toEqual({ alert, quiet: true });
      }
    });

    it('the alerts cover instance down, p99 delivery above 500 ms for 5 minutes, errors and event-loop lag, using only metrics the server exposes', () => {
      const rules = readYaml(join(PROMETHEUS_DIR, 'alerts.yml')) as {
        groups: { rules: { alert?: string; expr: string; for?: string }[] }[];
      };
      const alerts = rules.groups.flatMap((group) => group.rules).filter((rule) => rule.alert);
      const byName = Object.fromEntries(alerts.map((rule) => [rule.alert, rule]));
      expect(byName['SupchatInstanceDown']).toMatchObject({ expr: 'up{job="supchat"} == 0', for: '1m' });
      expect(byName['SupchatDeliveryLatencyHigh']?.for).toBe('5m');
      expect(byName['SupchatDeliveryLatencyHigh']?.expr.replace(/\s+/g, '')).toBe(
        'histogram_quantile(0.99,sumby(le)(rate(supchat_message_delivery_seconds_bucket{job="supchat"}[5m])))>0.5',
      );
      expect(byName['SupchatInternalErrors']?.expr).toContain('supchat_errors_total');
      expect(byName['SupchatHttp5xxRatioHigh']?.expr).toContain('status=~"5.."');
      expect(byName['SupchatEventLoopLagHigh']).toMatchObject({
        expr: 'nodejs_eventloop_lag_p99_seconds{job="supchat"} > 0.2',
        for: '5m',
      });
      for (const rule of alerts) {
        const unknown = metricNames(rule.expr).filter((name) => !KNOWN_SERIES.has(name));
        expect({ alert: rule.alert, unknown }).toEqual({ alert: rule.alert, unknown: [] });
        // Prometheus scrapes itself too: its process_* series must not trigger SUPCHAT alerts.
        expect({ alert: rule.alert, selectsJob: rule.expr.includes('job="supchat"') }).toEqual({
          alert: rule.alert,
          selectsJob: true,
        });
      }
    });
  });

  describe('Grafana', () => {
    it('the dashboard JSON parses and its queries use only metrics the server exposes', () => {
      const dashboard = readDashboard();
      expect(dashboard.uid).toBe('supchat');
      const panels = allPanels(dashboard.panels);
      const ids = panels.map((panel) => panel.id);
      expect(new Set(ids).size).toBe(ids.length);
      const queries = [
        ...panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
        ...(dashboard.templating?.list ?? []).map((variable) =>
          (typeof variable.query === 'string' ? variable.query : variable.query.query).replace(
            /^label_values\((.*),\s*\w+\)$/,
            '$1',
          ),
        ),
      ];
      const unknown = [...new Set(queries.flatMap(metricNames))].filter((name) => !KNOWN_SERIES.has(name));
      expect(unknown).toEqual([]);
    });

    it('the dashboard has the live dashboard panels: every SUPCHAT metric, memory, CPU and event-loop lag', () => {
      const dashboard = readDashboard();
      const used = new Set(
        allPanels(dashboard.panels)
          .flatMap((panel) => panel.targets ?? [])
          .flatMap((target) => metricNames(target.expr))
          .map(baseMetric),
      );
      const expected = [
        ...SUPCHAT_GAUGES_AND_COUNTERS,
        ...HISTOGRAMS,
        'process_resident_memory_bytes',
        'process_cpu_seconds_total',
        'nodejs_eventloop_lag_p99_seconds',
      ];
      expect(expected.filter((name) => !used.has(name))).toEqual([]);
      const titles = allPanels(dashboard.panels).map((panel) => panel.title);
      expect(titles).toEqual(
        expect.arrayContaining([
          'Connected sockets',
          'Active users',
          'Messages per second',
          'Persist latency',
          'Delivery latency',
          'Client ack round-trip',
          'Socket events by outcome',
          'Errors by code',
          'Rate-limited events',
          'HTTP p95 by route',
          'Database p95 by operation',
          'Memory',
          'CPU',
          'Event-loop lag',
          'Messages stored',
        ]),
      );
    });

    it('every dashboard query is valid PromQL (`promtool check rules` on them as recording rules) and reads the "prometheus" data source', () => {
      const panels = allPanels(readDashboard().panels).filter((panel) => panel.type !== 'row');
      const rules = panels.flatMap((panel) =>
        (panel.targets ?? []).map((target) => ({
          record: `dashboard:panel_${panel.id}:${target.refId}`,
          expr: withGrafanaVariablesFilled(target.expr),
        })),
      );
      expect(rules.length).toBeGreaterThan(20);
      for (const panel of panels) {
        expect({ panel: panel.title, datasource: panel.datasource }).toEqual({
          panel: panel.title,
          datasource: { type: 'prometheus', uid: 'prometheus' },
        });
        for (const target of panel.targets ?? []) {
          expect(target.datasource?.uid).toBe('prometheus');
        }
      }
      const directory = tempDir('supchat-dashboard-');
      try {
        // JSON is YAML.
        writeFileSync(
          join(directory, 'dashboard-rules.yml'),
          JSON.stringify({ groups: [{ name: 'dashboard', rules }] }),
        );
        expectSuccess(
          run(promtool(), ['check', 'rules', 'dashboard-rules.yml'], directory),
          'promtool check rules (dashboard queries)',
        );
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });

    it('provisioning adds the Prometheus data source with uid "prometheus" and loads the dashboard directory', () => {
      const datasources = readYaml(DATASOURCE_FILE) as {
        datasources: { uid: string; type: string; url: string }[];
      };
      expect(datasources.datasources).toEqual([
        expect.objectContaining({ uid: 'prometheus', type: 'prometheus', url: 'http://prometheus:9090' }),
      ]);
      const providers = readYaml(DASHBOARD_PROVIDER_FILE) as {
        providers: { type: string; options: { path: string } }[];
      };
      expect(providers.providers).toEqual([
        expect.objectContaining({ type: 'file', options: { path: '/etc/grafana/dashboards' } }),
      ]);
      const grafana = readCompose().services['grafana'];
      expect(grafana && mountsOf(grafana)).toEqual(
        expect.arrayContaining([
          ['./grafana/provisioning', '/etc/grafana/provisioning'],
          ['./grafana/dashboards', '/etc/grafana/dashboards'],
        ]),
      );
    });
  });

  describe('nginx', () => {
    it('`nginx -t` accepts nginx.conf', async () => {
      const nginxPath = nginx();
      const local = localNginx({
        port: await freePort(),
        upstreamPorts: [await freePort(), await freePort()],
        keepResolve: nginxSupportsUpstreamResolve(nginxPath),
      });
      try {
        const stdio = nginxStdio(local);
        const result = spawnSync(nginxPath, nginxArgs(local, { test: true }), {
          stdio: ['ignore', stdio.fd, stdio.fd],
        });
        closeSync(stdio.fd);
        const output = readFileSync(stdio.path, 'utf8');
        expectSuccess({ status: result.status, output }, 'nginx -t');
        expect(output).toContain('test is successful');
      } finally {
        rmSync(local.directory, { recursive: true, force: true });
      }
    });

    it('keeps WebSockets open longer than Socket.IO heartbeats (pingInterval 25 s + pingTimeout 20 s)', () => {
      const config = readFileSync(NGINX_CONF, 'utf8');
      const block = /location \^~ \/socket\.io\/ \{([^}]*)\}/.exec(config)?.[1] ?? '';
      expect(block).toContain('proxy_pass http://supchat_api;');
      for (const directive of ['proxy_read_timeout', 'proxy_send_timeout']) {
        const value = new RegExp(`${directive} (\\d+)s;`).exec(block)?.[1];
        expect({ directive, longerThan45s: Number(value) > 45 }).toEqual({ directive, longerThan45s: true });
      }
      expect(config).toMatch(/map \$http_upgrade \$connection_upgrade/);
      expect(config).toContain('proxy_set_header Upgrade $http_upgrade;');
      expect(config).toContain('proxy_set_header Connection $connection_upgrade;');
    });

    describe('running in front of two stand-in API instances', () => {
      let nginxProcess: ChildProcess;
      let local: LocalNginx;
      let nginxOutput: { fd: number; path: string };
      let port: number;
      let apis: StubApi[];

      beforeAll(async () => {
        const nginxPath = nginx();
        apis = [await startStubApi('api-1'), await startStubApi('api-2')];
        port = await freePort();
        local = localNginx({
          port,
          upstreamPorts: apis.map((api) => api.port),
          keepResolve: nginxSupportsUpstreamResolve(nginxPath),
        });
        writeFileSync(
          join(local.webRoot, 'index.html'),
          '<!doctype html><title>SUPCHAT</title><sc-root></sc-root><script src="main-ABCDEFGH.js" type="module"></script>',
        );
        writeFileSync(join(local.webRoot, 'main-ABCDEFGH.js'), 'console.log("supchat");\n');
        writeFileSync(join(local.webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
        nginxOutput = nginxStdio(local);
        nginxProcess = spawn(nginxPath, nginxArgs(local, { test: false }), {
          stdio: ['ignore', nginxOutput.fd, nginxOutput.fd],
        });
        await waitForHttp(port, nginxOutput.path, nginxProcess);
      });

      afterAll(async () => {
        if (nginxProcess) await stopProcess(nginxProcess, 'SIGTERM', 5_000);
        if (nginxOutput) closeSync(nginxOutput.fd);
        await Promise.all((apis ?? []).map((api) => api.close()));
        if (local) rmSync(local.directory, { recursive: true, force: true });
      });

      it.each(['/', '/index.html', '/admin/monitoring', '/channels/some-id'])(
        'serves index.html for %s, never cached, with the security headers',
        async (path) => {
          const response = await http(port, 'GET', path, { accept: 'text/html' });
          expect(response.status).toBe(200);
          expect(response.body).toContain('<sc-root>');
          expect(response.headers['content-type']).toContain('text/html');
          expect(response.headers['cache-control']).toBe('no-cache');
          expect(response.headers['content-security-policy']).toContain("script-src 'self'");
          expect(response.headers['x-content-type-options']).toBe('nosniff');
          expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        },
      );

      it('caches hashed bundles for a year, answers 404 (not index.html, not cached) for a missing one', async () => {
        const bundle = await http(port, 'GET', '/main-ABCDEFGH.js');
        expect(bundle.status).toBe(200);
        expect(bundle.headers['content-type']).toContain('javascript');
        expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        const missing = await http(port, 'GET', '/chunk-ZZZZZZZZ.js');
        expect(missing.status).toBe(404);
        expect(missing.body).not.toContain('<sc-root>');
        expect(missing.headers['cache-control']).toBeUndefined();
        const icon = await http(port, 'GET', '/favicon.svg');
        expect(icon.status).toBe(200);
        expect(icon.headers['cache-control']).toBe('no-cache');
      });

      it.each(['/metrics', '/metrics/', '/metrics?format=text', '/api/../metrics', '/%6Detrics'])(
        'answers 404 for %s and never asks an instance for its metrics',
        async (path) => {
          const response = await http(port, 'GET', path, { authorization: 'Bearer guess' });
          expect(response.status).toBe(404);
          expect(response.body).not.toContain('supchat_');
          expect(apis.flatMap((api) => api.requests).filter((seen) => seen.url.includes('metrics'))).toEqual(
            [],
          );
        },
      );

      it('proxies /api with the Host, X-Forwarded-For/-Proto and a kept X-Request-Id', async () => {
        const response = await http(port, 'GET', '/api/channels?limit=5', {
          'x-request-id': 'req-from-client.1',
          'x-forwarded-for': '203.0.113.9',
        });
        expect(response.status).toBe(200);
        const { instance } = JSON.parse(response.body) as { instance: string };
        const seen = apis.find((api) => api.name === instance)?.requests.at(-1);
        expect(seen).toMatchObject({ method: 'GET', url: '/api/channels?limit=5' });
        expect(seen?.headers['host']).toBe(`127.0.0.1:${port}`);
        expect(seen?.headers['x-forwarded-proto']).toBe('http');
        expect(seen?.headers['x-request-id']).toBe('req-from-client.1');
        // nginx appends the address it sees; with TRUST_PROXY=1 the API uses that last entry,
        // so a client cannot choose its own address.
        expect(seen?.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
        expect(seen?.headers['connection']).not.toBe('upgrade');
      });

      it('gives a request without a usable X-Request-Id its own id', async () => {
        const cases: Record<string, string>[] = [{}, { 'x-request-id': 'no spaces allowed' }];
        for (const headers of cases) {
          const response = await http(port, 'GET', '/api/ping', headers);
          const { instance } = JSON.parse(response.body) as { instance: string };
          const seen = apis.find((api) => api.name === instance)?.requests.at(-1);
          expect(seen?.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
        }
      });

      it('proxies /health and /health/ready', async () => {
        for (const path of ['/health', '/health/ready', '/health/live']) {
          const response = await http(port, 'GET', path);
          expect(response.status).toBe(200);
          expect(JSON.parse(response.body)).toMatchObject({ url: path });
        }
      });

      it('passes bodies larger than the API limit of 1 MB, so the API answers with its own 413', async () => {
        const body = JSON.stringify({ text: 'x'.repeat(1_500_000) });
        const response = await http(
          port,
          'POST',
          '/api/channels/c1/messages',
          { 'content-type': 'application/json' },
          body,
        );
        expect(response.status).toBe(200);
        expect(JSON.parse(response.body)).toMatchObject({ bodyBytes: Buffer.byteLength(body) });
      });

      it('spreads requests over both instances', async () => {
        const served = new Set<string>();
        for (let i = 0; i < 20; i++) {
          const response = await http(port, 'GET', `/api/spread/${i}`);
          served.add((JSON.parse(response.body) as { instance: string }).instance);
        }
        expect([...served].sort()).toEqual(['api-1', 'api-2']);
      });

      it('upgrades /socket.io to a WebSocket (websocket-only client) and carries events and acks both ways', async () => {
        const client = io(`http://127.0.0.1:${port}`, {
          path: '/socket.io',
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: { 'x-request-id': 'ws-request-1' },
        });
        try {
          const hello = await new Promise<{ instance: string; forwardedFor: string; requestId: string }>(
            (resolve, reject) => {
              client.once('hello', resolve);
              client.once('connect_error', reject);
            },
          );
          expect(['api-1', 'api-2']).toContain(hello.instance);
          expect(hello.forwardedFor).toBe('127.0.0.1');
          expect(hello.requestId).toBe('ws-request-1');
          expect(client.io.engine.transport.name).toBe('websocket');
          const reply = (await client.timeout(5_000).emitWithAck('echo', { text: 'hi' })) as unknown;
          expect(reply).toEqual({ instance: hello.instance, data: { text: 'hi' } });
        } finally {
          client.disconnect();
        }
      });

      it('keeps answering through the other instance when one stops (no failed request)', async () => {
        const [first, second] = apis as [StubApi, StubApi];
        await first.close();
        for (let i = 0; i < 10; i++) {
          const response = await http(port, 'GET', `/api/after-failure/${i}`);
          expect(response.status).toBe(200);
          expect(JSON.parse(response.body)).toMatchObject({ instance: second.name });
        }
      });
    });
  });

  describe('docker compose', () => {
    const REQUIRED_SERVICES = ['mongo', 'redis', 'api-1', 'api-2', 'nginx', 'prometheus', 'grafana'];

    it('docker-compose.yml parses; every service has a health check and a restart policy', () => {
      const compose = readCompose();
      expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(REQUIRED_SERVICES));
      for (const [name, service] of Object.entries(compose.services)) {
        expect({ name, restart: service.restart }).toEqual({
          name,
          restart: expect.stringMatching(/^(unless-stopped|always|on-failure(:\d+)?)$/),
        });
        expect({
          name,
          healthcheck: healthTest(service).length > 0 && !service.healthcheck?.disable,
        }).toEqual({
          name,
          healthcheck: true,
        });
      }
      expect(healthTest(compose.services['redis'] ?? {})).toContain('redis-cli ping');
      expect(healthTest(compose.services['mongo'] ?? {})).toContain('isWritablePrimary');
    });

    it('runs two identical API instances on the MongoDB replica set and Redis, with METRICS_TOKEN, TRUST_PROXY=1 and a stop grace period longer than the 10 s shutdown', () => {
      const compose = readCompose();
      const mongo = compose.services['mongo'] ?? {};
      expect([mongo.command].flat().join(' ')).toContain('--replSet rs0');
      const [first, second] = ['api-1', 'api-2'].map((name) => compose.services[name] ?? {});
      expect(first).toEqual(second);
      for (const api of [first, second] as ComposeService[]) {
        expect(api.build).toMatchObject({
          context: '..',
          dockerfile: 'docker/Dockerfile',
          target: 'runtime',
        });
        const environment = environmentOf(api);
        expect(environment).toMatchObject({
          NODE_ENV: 'production',
          PORT: '3000',
          MONGODB_URI: expect.stringMatching(/^mongodb:\/\/mongo:27017\/\w+\?replicaSet=rs0$/),
          REDIS_URL: 'redis://redis:6379',
          METRICS_TOKEN: expect.stringMatching(/^\$\{METRICS_TOKEN:\?/),
          JWT_SECRET: expect.stringMatching(/^\$\{JWT_SECRET:\?/),
          TRUST_PROXY: '1',
          PUBLIC_URL: expect.stringMatching(/^\$\{PUBLIC_URL:-http:\/\/localhost:8080\}$/),
        });
        expect(healthTest(api)).toContain('/health/ready');
        expect(seconds(api.stop_grace_period ?? '10s')).toBeGreaterThan(10);
        expect(api.init).toBe(true);
        expect(dependenciesOf(api)).toMatchObject({ mongo: 'service_healthy', redis: 'service_healthy' });
        expect(api.ports).toBeUndefined();
      }
    });

    it('puts nginx (the `web` image target) in front on port 8080 and names the same instances as nginx.conf and prometheus.yml', () => {
      const compose = readCompose();
      const front = compose.services['nginx'] ?? {};
      expect(front.build).toMatchObject({ context: '..', dockerfile: 'docker/Dockerfile', target: 'web' });
      expect(front.ports).toContain('8080:80');
      const dockerfile = readFileSync(DOCKERFILE, 'utf8');
      expect(dockerfile).toMatch(/^FROM nginx:[\w.-]+ AS web$/m);
      expect(dockerfile).toContain('COPY docker/nginx/nginx.conf /etc/nginx/nginx.conf');
      // A plain `docker build` (no --target) still produces the API image.
      expect([...dockerfile.matchAll(/^FROM .* AS (\S+)$/gm)].map((match) => match[1]).at(-1)).toBe(
        'runtime',
      );
      const upstreams = [...readFileSync(NGINX_CONF, 'utf8').matchAll(/^\s*server (\S+:\d+) /gm)].map(
        (match) => match[1],
      );
      expect(upstreams).toEqual(API_INSTANCES);
      for (const instance of API_INSTANCES) {
        const [host, instancePort] = instance.split(':');
        expect(environmentOf(compose.services[host ?? ''] ?? {})['PORT']).toBe(instancePort);
      }
    });

    it('gives Prometheus the token as the metrics_token secret and keeps Prometheus and Grafana on loopback, Grafana without anonymous access', () => {
      const compose = readCompose();
      const prometheus = compose.services['prometheus'] ?? {};
      expect(prometheus.secrets).toContain('metrics_token');
      expect(compose.secrets?.['metrics_token']).toEqual({ environment: 'METRICS_TOKEN' });
      expect(mountsOf(prometheus)).toContainEqual(['./prometheus', '/etc/prometheus']);
      expect([prometheus.command].flat()).toContain('--config.file=/etc/prometheus/prometheus.yml');
      const grafana = compose.services['grafana'] ?? {};
      expect(environmentOf(grafana)).toMatchObject({
        GF_AUTH_ANONYMOUS_ENABLED: 'false',
        GF_SECURITY_ADMIN_PASSWORD: expect.stringMatching(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/),
      });
      for (const service of [prometheus, grafana]) {
        for (const published of service.ports ?? []) expect(String(published)).toMatch(/^127\.0\.0\.1:/);
      }
    });

    it('refers only to services, volumes, secrets and files that exist', () => {
      const compose = readCompose();
      const services = Object.keys(compose.services);
      for (const [name, service] of Object.entries(compose.services)) {
        for (const dependency of Object.keys(dependenciesOf(service))) {
          expect({ name, dependency, exists: services.includes(dependency) }).toEqual({
            name,
            dependency,
            exists: true,
          });
        }
        for (const [source] of mountsOf(service)) {
          const exists = source.startsWith('.')
            ? existsSync(join(DOCKER, source))
            : Object.keys(compose.volumes ?? {}).includes(source);
          expect({ name, source, exists }).toEqual({ name, source, exists: true });
        }
        for (const secret of service.secrets ?? []) {
          const secretName = typeof secret === 'string' ? secret : secret.source;
          expect(Object.keys(compose.secrets ?? {})).toContain(secretName);
        }
      }
    });
  });
});
