import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port';
import { stopProcess } from './process-output';

/** docker/nginx/nginx.conf and the API instances it names (as the compose file runs them). */
export const NGINX_CONF = join(process.cwd(), 'docker', 'nginx', 'nginx.conf');
export const API_INSTANCES = ['api-1:3000', 'api-2:3000'];

/** Finds a command on PATH (or in the sbin directories, where Debian puts nginx). */
export function tool(name: string, debianPackage: string): string {
  const directories = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin'];
  const found = directories
    .filter(Boolean)
    .map((directory) => join(directory, name))
    .find(existsSync);
  if (!found) {
    throw new Error(
      `"${name}" is not installed. It comes with Debian's "${debianPackage}" package: ` +
        `apt-get install -y --no-install-recommends ${debianPackage} (.ci/run installs it).`,
    );
  }
  return found;
}

export interface RunResult {
  status: number | null;
  output: string;
}

export function run(command: string, args: string[], cwd = process.cwd()): RunResult {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export function tempDir(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  // nginx's workers run as "nobody" when the tests run as root: they must reach the web root.
  chmodSync(directory, 0o755);
  return directory;
}

export function nginxSupportsUpstreamResolve(nginxPath: string): boolean {
  const version = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(run(nginxPath, ['-v']).output);
  if (!version) throw new Error('cannot read the nginx version');
  const [major, minor, patch] = version.slice(1).map(Number) as [number, number, number];
  return major > 1 || (major === 1 && (minor > 27 || (minor === 27 && patch >= 3)));
}

export function replaceExactly(text: string, pattern: RegExp, replacement: string, what: string): string {
  const count = [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].length;
  if (count !== 1) {
    throw new Error(`nginx.conf changed: expected exactly one ${what} (${pattern}), found ${count}`);
  }
  return text.replace(pattern, replacement);
}

export interface LocalNginx {
  directory: string;
  configPath: string;
  webRoot: string;
}

/**
 * A copy of docker/nginx/nginx.conf that runs here without root and without Docker: the API
 * instances become local ports, nginx listens on a free loopback port, the web root and the
 * temporary files live in a temporary directory. Everything else is the file as shipped. On an
 * nginx older than 1.27.3 the `resolve` parameter (for Docker's DNS) is dropped.
 */
export function localNginx(options: {
  port: number;
  upstreamPorts: number[];
  keepResolve: boolean;
}): LocalNginx {
  const directory = tempDir('supchat-nginx-');
  const webRoot = join(directory, 'html');
  mkdirSync(webRoot);
  chmodSync(webRoot, 0o755);
  let config = readFileSync(NGINX_CONF, 'utf8');
  config = replaceExactly(
    config,
    /^(\s*)listen 80 default_server;$/m,
    `$1listen 127.0.0.1:${options.port} default_server;`,
    'listen 80',
  );
  config = replaceExactly(config, /root \/usr\/share\/nginx\/html;/, `root ${webRoot};`, 'web root');
  API_INSTANCES.forEach((instance, index) => {
    config = replaceExactly(
      config,
      new RegExp(`server ${instance} resolve `),
      `server 127.0.0.1:${options.upstreamPorts[index]}${options.keepResolve ? ' resolve' : ''} `,
      `upstream server ${instance}`,
    );
  });
  const temporary = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${join(directory, `${kind}_temp`)};`)
    .join('\n');
  config = replaceExactly(config, /^http \{$/m, `http {\n${temporary}`, 'http block');
  const configPath = join(directory, 'nginx.conf');
  writeFileSync(configPath, config);
  return { directory, configPath, webRoot };
}

/**
 * nginx's stdout and stderr go to a file: the config logs to /dev/stdout (Docker's log), which
 * cannot be opened when it is a socket, as Node's pipes are.
 */
export function nginxStdio(local: LocalNginx): { fd: number; path: string } {
  const path = join(local.directory, 'nginx-output.log');
  return { fd: openSync(path, 'a'), path };
}

/** nginx's command line for the local copy; nginx keeps only the last `-g`, so there is one. */
export function nginxArgs(local: LocalNginx, options: { test: boolean }): string[] {
  const pid = `pid ${join(local.directory, 'nginx.pid')};`;
  return [
    '-p',
    local.directory,
    '-c',
    local.configPath,
    '-e',
    'stderr',
    '-g',
    options.test ? pid : `${pid} daemon off;`,
    ...(options.test ? ['-t'] : []),
  ];
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: the path goes out exactly as given (no URL normalisation). */
export function http(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method, path, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error(`${method} ${path} timed out`)));
    outgoing.end(body);
  });
}

export async function waitForHttp(port: number, outputPath: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  const output = () => readFileSync(outputPath, 'utf8');
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output()}`);
    try {
      await http(port, 'GET', '/index.html');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`nginx did not answer: ${String(error)}\n${output()}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export interface RunningNginx {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The shipped nginx.conf, run here (see `localNginx`) in front of API instances on these ports. It
 * serves a copy of `site` (the built SPA, say) as its web root, or a placeholder page.
 */
export async function startNginx(
  upstreamPorts: number[],
  options: { site?: string } = {},
): Promise<RunningNginx> {
  const nginxPath = tool('nginx', 'nginx');
  const port = await freePort();
  const local = localNginx({ port, upstreamPorts, keepResolve: nginxSupportsUpstreamResolve(nginxPath) });
  if (options.site) {
    if (!existsSync(join(options.site, 'index.html'))) throw new Error(`${options.site} has no index.html`);
    cpSync(options.site, local.webRoot, { recursive: true });
  } else {
    writeFileSync(join(local.webRoot, 'index.html'), '<!doctype html><title>SUPCHAT</title>');
  }
  const output = nginxStdio(local);
  const child = spawn(nginxPath, nginxArgs(local, { test: false }), {
    stdio: ['ignore', output.fd, output.fd],
  });
  await waitForHttp(port, output.path, child);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await stopProcess(child, 'SIGTERM', 5_000);
      closeSync(output.fd);
      rmSync(local.directory, { recursive: true, force: true });
    },
  };
}
