// @ts-check
'use strict';

/**
 * Scheduled site health check. It requests SITE_URL and throws unless the final response
 * (after following redirects) has a 2xx status within TIMEOUT_MS and, when EXPECTED_TEXT is
 * set, its body contains that text. Throwing is the whole point: Lambda counts every thrown
 * invocation in its `Errors` metric, and the alarm on that metric sends the e-mail.
 *
 * Redirects are followed because a site that answers `301` to `https://` or to its canonical
 * host is healthy only if the page it points to is; a 3xx that leads nowhere fails.
 *
 * Environment:
 * - SITE_URL (required): http:// or https:// URL to request.
 * - TIMEOUT_MS (optional, default 10000): time allowed for the status line and the body.
 * - EXPECTED_TEXT (optional): text the body must contain, such as the site's title, so an
 *   error page served with status 200 still fails.
 */

const DEFAULT_TIMEOUT_MS = 10000;

/**
 * @typedef {object} CheckOptions
 * @property {string} url URL to request.
 * @property {number} timeoutMs Milliseconds allowed for the whole response.
 * @property {string} [expectedText] Text the body must contain.
 */

/**
 * @typedef {object} CheckResult
 * @property {string} url The URL requested.
 * @property {string} finalUrl The URL that answered, after redirects.
 * @property {number} status HTTP status of the final response.
 * @property {number} durationMs Time from request to complete body.
 */

/**
 * Reads and validates the settings from the environment.
 *
 * @param {Record<string, string | undefined>} env
 * @returns {CheckOptions}
 */
function optionsFromEnvironment(env) {
  const url = env.SITE_URL;
  if (!url || !/^https?:\/\/[^/\s]+/.test(url)) {
    throw new Error(`SITE_URL ${JSON.stringify(url)} is not an http:// or https:// URL; set it to the site address`);
  }
  const rawTimeout = env.TIMEOUT_MS;
  const timeoutMs = rawTimeout === undefined || rawTimeout === '' ? DEFAULT_TIMEOUT_MS : Number(rawTimeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new Error(`TIMEOUT_MS ${JSON.stringify(rawTimeout)} is not a positive whole number of milliseconds`);
  }
  const expectedText = env.EXPECTED_TEXT === '' ? undefined : env.EXPECTED_TEXT;
  return { url, timeoutMs, expectedText };
}

/**
 * Requests the URL once and throws a message that says what failed.
 *
 * @param {CheckOptions} options
 * @returns {Promise<CheckResult>}
 */
async function check(options) {
  const { url, timeoutMs, expectedText } = options;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: 'GET',
      redirect: 'follow',
      signal: controller.signal,
      headers: { 'user-agent': 'web-stack-health-check/1', 'cache-control': 'no-cache' },
    });
    // Read the body inside the timeout too: a server that sends headers and then stalls is down.
    const body = await response.text();
    const durationMs = Date.now() - started;
    if (response.status < 200 || response.status > 299) {
      throw new Error(
        `GET ${url} answered HTTP ${response.status} ${response.statusText} (from ${response.url}) after ${durationMs} ms; expected 2xx`,
      );
    }
    if (expectedText !== undefined && !body.includes(expectedText)) {
      throw new Error(`GET ${url} answered HTTP ${response.status} but the body does not contain ${JSON.stringify(expectedText)}`);
    }
    return { url, finalUrl: response.url, status: response.status, durationMs };
  } catch (error) {
    if (controller.signal.aborted) {
      throw new Error(`GET ${url} did not complete within ${timeoutMs} ms`, { cause: error });
    }
    const message = messageOf(error);
    if (message.startsWith(`GET ${url} `)) {
      throw error;
    }
    // fetch reports DNS, TLS and connection errors as "fetch failed" with the reason in `cause`.
    const cause = typeof error === 'object' && error !== null && 'cause' in error && error.cause ? `: ${messageOf(error.cause)}` : '';
    throw new Error(`GET ${url} failed: ${message}${cause}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The message of anything thrown. Errors from Node's own fetch may come from another realm,
 * so `instanceof Error` is not reliable.
 *
 * @param {unknown} value
 * @returns {string}
 */
function messageOf(value) {
  if (typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string') {
    return value.message;
  }
  return String(value);
}

/**
 * Lambda entry point; the scheduled event carries nothing the check needs.
 *
 * @returns {Promise<CheckResult>}
 */
async function handler() {
  const result = await check(optionsFromEnvironment(process.env));
  console.log(JSON.stringify({ message: 'healthy', ...result }));
  return result;
}

module.exports = { handler, check, optionsFromEnvironment, DEFAULT_TIMEOUT_MS };
