import * as http from 'http';
import { AddressInfo } from 'net';

// The handler is plain CommonJS shipped as-is in the Lambda zip, so the test loads that file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const healthCheck = require('../../functions/health-check/index.js') as {
  handler: () => Promise<{ url: string; finalUrl: string; status: number; durationMs: number }>;
  DEFAULT_TIMEOUT_MS: number;
};

type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;

const routes: Record<string, Route> = {
  '/ok': (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<title>My Blog</title>'),
  '/error': (_request, response) => response.writeHead(500).end('database connection failed'),
  '/not-found': (_request, response) => response.writeHead(404).end('no such page'),
  '/moved': (_request, response) => response.writeHead(301, { location: '/ok' }).end(),
  '/moved-to-error': (_request, response) => response.writeHead(302, { location: '/error' }).end(),
  // Never answers; the check must give up on its own.
  '/hang': () => undefined,
  // Sends headers, then stalls the body.
  '/stall-body': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.write('<title>My');
  },
};

let server: http.Server;
let baseUrl: string;
const savedEnvironment = { ...process.env };

beforeAll(async () => {
  server = http.createServer((request, response) => (routes[request.url ?? ''] ?? routes['/not-found'])(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Node loads its fetch implementation on first use, which takes long enough to skew timings.
  await (await fetch(`${baseUrl}/ok`)).text();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let logged: jest.SpyInstance;
beforeEach(() => {
  logged = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => {
  logged.mockRestore();
  process.env = { ...savedEnvironment };
});

function configure(path: string, extra: Record<string, string> = {}): void {
  process.env.SITE_URL = `${baseUrl}${path}`;
  // Generous, so a busy machine cannot fail the checks meant to pass; the timeout tests set their own.
  process.env.TIMEOUT_MS = '5000';
  delete process.env.EXPECTED_TEXT;
  Object.assign(process.env, extra);
}

describe('health-check handler', () => {
  test('a 200 response passes and reports the status', async () => {
    configure('/ok');
    const result = await healthCheck.handler();
    expect(result).toMatchObject({ url: `${baseUrl}/ok`, finalUrl: `${baseUrl}/ok`, status: 200 });
    // One JSON line per healthy check, for CloudWatch Logs Insights.
    expect(logged).toHaveBeenCalledTimes(1);
    expect(JSON.parse(logged.mock.calls[0][0])).toMatchObject({ message: 'healthy', status: 200 });
  });

  test('a 500 response fails, naming the status', async () => {
    configure('/error');
    await expect(healthCheck.handler()).rejects.toThrow(/answered HTTP 500 .*expected 2xx/);
  });

  test('a 404 response fails', async () => {
    configure('/missing');
    await expect(healthCheck.handler()).rejects.toThrow(/answered HTTP 404/);
  });

  test('a redirect is followed and judged by the page it leads to', async () => {
    configure('/moved');
    await expect(healthCheck.handler()).resolves.toMatchObject({ status: 200, finalUrl: `${baseUrl}/ok` });
    configure('/moved-to-error');
    await expect(healthCheck.handler()).rejects.toThrow(/answered HTTP 500 .* \(from .*\/error\)/);
  });

  test('a server that does not answer within TIMEOUT_MS fails', async () => {
    configure('/hang', { TIMEOUT_MS: '200' });
    const started = Date.now();
    await expect(healthCheck.handler()).rejects.toThrow(/did not complete within 200 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a body that stalls after the headers fails on the same timeout', async () => {
    configure('/stall-body', { TIMEOUT_MS: '200' });
    await expect(healthCheck.handler()).rejects.toThrow(/did not complete within 200 ms/);
  });

  test('passes when the body contains EXPECTED_TEXT', async () => {
    configure('/ok', { EXPECTED_TEXT: 'My Blog' });
    await expect(healthCheck.handler()).resolves.toMatchObject({ status: 200 });
  });

  test('fails when the body lacks EXPECTED_TEXT even with status 200', async () => {
    configure('/ok', { EXPECTED_TEXT: 'Welcome to nginx' });
    await expect(healthCheck.handler()).rejects.toThrow(/answered HTTP 200 but the body does not contain "Welcome to nginx"/);
  });

  test('a refused connection fails with the cause', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    configure('/');
    process.env.SITE_URL = `http://127.0.0.1:${port}/`;
    await expect(healthCheck.handler()).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/ failed: fetch failed: .*ECONNREFUSED/);
  });

  test('TIMEOUT_MS defaults when unset', async () => {
    configure('/ok');
    delete process.env.TIMEOUT_MS;
    await expect(healthCheck.handler()).resolves.toMatchObject({ status: 200 });
    expect(healthCheck.DEFAULT_TIMEOUT_MS).toBe(10000);
  });

  test('rejects a missing or non-HTTP SITE_URL', async () => {
    configure('/ok');
    delete process.env.SITE_URL;
    await expect(healthCheck.handler()).rejects.toThrow(/SITE_URL undefined is not an http:\/\/ or https:\/\/ URL/);
    process.env.SITE_URL = 'ftp://example.com/';
    await expect(healthCheck.handler()).rejects.toThrow(/SITE_URL "ftp:\/\/example.com\/" is not an http/);
  });

  test('rejects a TIMEOUT_MS that is not a positive whole number', async () => {
    configure('/ok', { TIMEOUT_MS: '2s' });
    await expect(healthCheck.handler()).rejects.toThrow(/TIMEOUT_MS "2s" is not a positive whole number/);
  });
});
