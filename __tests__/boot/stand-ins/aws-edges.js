// The AWS and internet edges of a web server's boot, on loopback inside the boot test's network
// namespace: the instance metadata service (IMDSv2), Secrets Manager, Auto Scaling's lifecycle
// actions, S3 (the stack's boot files), and HTTPS file hosts (wordpress.org, the upstream RDS CA
// bundle, which the boot must no longer need). Started by
// __tests__/boot/support/edges.ts with one argument, a JSON settings file; prints "ready" once
// every server listens.
//
// Secrets Manager behaves as AWS does where the boot script depends on it: a secret created
// without a value answers GetSecretValue with ResourceNotFoundException; an unknown secret
// likewise; a call the instance role's policies do not allow (iam-policy.js decides, as IAM
// does) answers AccessDeniedException. Auto Scaling accepts CompleteLifecycleAction only for a
// hook the group declares, an instance waiting in it, and a caller allowed on the group's ARN.
// State lives in a JSON file the test reads and changes between steps.
'use strict';

const fs = require('fs');
const http = require('http');
const https = require('https');
const { authorize } = require('./iam-policy.js');

const settings = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

function record(entry) {
  fs.appendFileSync(settings.callLog, `${JSON.stringify({ ...entry, at: Date.now() })}\n`);
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const tokens = new Set();

function imds(request, response) {
  if (request.method === 'PUT' && request.url === '/latest/api/token') {
    if (!request.headers['x-aws-ec2-metadata-token-ttl-seconds']) {
      response.writeHead(400).end();
      return;
    }
    const token = `token-${tokens.size + 1}-${Math.random().toString(36).slice(2)}`;
    tokens.add(token);
    response.writeHead(200, { 'content-type': 'text/plain' }).end(token);
    return;
  }
  // IMDSv2 only, as the launch template requires (http_tokens = required).
  if (!tokens.has(request.headers['x-aws-ec2-metadata-token'])) {
    response.writeHead(401).end();
    return;
  }
  if (request.method === 'GET' && request.url === '/latest/meta-data/placement/region') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end(settings.region);
    return;
  }
  response.writeHead(404).end();
}

function secretsError(response, status, type, message) {
  response.writeHead(status, { 'content-type': 'text/plain' }).end(`${type}\n${message}`);
}

async function secretsManager(request, response) {
  const body = await readBody(request);
  const operation = String(request.headers['x-amz-target'] ?? '').replace(/^secretsmanager\./, '');
  const secretId = String(request.headers['x-secret-id'] ?? '');
  const instance = String(request.headers['x-boot-test-instance'] ?? '');
  const host = String(request.headers.host ?? '');
  record({ service: 'secretsmanager', operation, secretId, instance });
  if (host !== `secretsmanager.${settings.region}.amazonaws.com`) {
    secretsError(response, 400, 'InvalidRequestException', `unexpected endpoint ${host}`);
    return;
  }
  const state = JSON.parse(fs.readFileSync(settings.stateFile, 'utf8'));
  const secret = state.secrets[secretId];
  const action = `secretsmanager:${operation}`;
  const decision = authorize(state.policies, action, secretId);
  if (!decision.allowed) {
    record({ service: 'iam', action, resource: secretId, instance, reason: decision.reason });
    secretsError(response, 400, 'AccessDeniedException', `User is not authorized to perform: ${action} on resource: ${secretId}`);
    return;
  }
  if (!secret) {
    secretsError(response, 400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return;
  }
  if (operation === 'GetSecretValue') {
    if (secret.versions.length === 0) {
      secretsError(
        response,
        400,
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain' }).end(secret.versions[secret.versions.length - 1]);
    return;
  }
  if (operation === 'PutSecretValue') {
    secret.versions.push(body);
    writeState(state);
    const versionId = `version-${secret.versions.length}`;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ARN: secretId, Name: secret.name, VersionId: versionId, VersionStages: ['AWSCURRENT'] }));
    return;
  }
  secretsError(response, 400, 'InvalidAction', `operation ${operation} is not served by the stand-in`);
}

function writeState(state) {
  const temp = `${settings.stateFile}.${process.pid}`;
  fs.writeFileSync(temp, JSON.stringify(state, null, 2));
  fs.renameSync(temp, settings.stateFile);
}

// CompleteLifecycleAction, with the parameters in the JSON body the aws stand-in sends.
async function autoScaling(request, response) {
  const params = JSON.parse((await readBody(request)) || '{}');
  const operation = String(request.headers['x-amz-target'] ?? '').replace(/^autoscaling\./, '');
  const instance = String(request.headers['x-boot-test-instance'] ?? '');
  const host = String(request.headers.host ?? '');
  record({ service: 'autoscaling', operation, ...params, instance });
  if (host !== `autoscaling.${settings.region}.amazonaws.com`) {
    secretsError(response, 400, 'InvalidRequestException', `unexpected endpoint ${host}`);
    return;
  }
  if (operation !== 'CompleteLifecycleAction') {
    secretsError(response, 400, 'InvalidAction', `operation ${operation} is not served by the stand-in`);
    return;
  }
  const state = JSON.parse(fs.readFileSync(settings.stateFile, 'utf8'));
  const group = state.autoScaling.groups[params.AutoScalingGroupName];
  const action = 'autoscaling:CompleteLifecycleAction';
  // IAM decides on the group's ARN; an unknown group has none, and AWS answers AccessDenied too.
  const decision = group ? authorize(state.policies, action, group.arn) : { allowed: false, reason: 'no such group' };
  if (!decision.allowed) {
    record({ service: 'iam', action, resource: group?.arn ?? params.AutoScalingGroupName, instance, reason: decision.reason });
    secretsError(response, 403, 'AccessDenied', `User is not authorized to perform: ${action}`);
    return;
  }
  if (!group.hooks.includes(params.LifecycleHookName)) {
    secretsError(response, 400, 'ValidationError', `No Lifecycle Hook found for name ${params.LifecycleHookName}`);
    return;
  }
  if (!['CONTINUE', 'ABANDON'].includes(params.LifecycleActionResult)) {
    secretsError(response, 400, 'ValidationError', `Invalid lifecycle action result ${params.LifecycleActionResult}`);
    return;
  }
  if (!group.waiting.includes(params.InstanceId)) {
    secretsError(response, 400, 'ValidationError', `No active Lifecycle Action found with instance ID ${params.InstanceId}`);
    return;
  }
  group.waiting = group.waiting.filter((id) => id !== params.InstanceId);
  group.answers.push({ instanceId: params.InstanceId, hook: params.LifecycleHookName, result: params.LifecycleActionResult });
  writeState(state);
  response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
}

// S3 GetObject, path-style, for the objects the stack uploads (settings.s3Objects: "bucket/key"
// to a local file), allowed only as the role's policies allow s3:GetObject on the object's ARN.
function s3(request, response) {
  const host = String(request.headers.host ?? '');
  const instance = String(request.headers['x-boot-test-instance'] ?? '');
  const object = decodeURIComponent(String(request.url).replace(/^\//, ''));
  record({ service: 's3', operation: 'GetObject', object, instance });
  if (host !== `s3.${settings.region}.amazonaws.com` || request.method !== 'GET') {
    secretsError(response, 400, 'InvalidRequest', `unexpected ${request.method} to ${host}`);
    return;
  }
  const state = JSON.parse(fs.readFileSync(settings.stateFile, 'utf8'));
  const decision = authorize(state.policies, 's3:GetObject', `arn:aws:s3:::${object}`);
  if (!decision.allowed) {
    record({ service: 'iam', action: 's3:GetObject', resource: `arn:aws:s3:::${object}`, instance, reason: decision.reason });
    secretsError(response, 403, 'AccessDenied', 'Access Denied');
    return;
  }
  const file = settings.s3Objects[object];
  if (!file) {
    secretsError(response, 404, 'NoSuchKey', 'The specified key does not exist.');
    return;
  }
  response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fs.readFileSync(file));
}

function files(request, response) {
  const host = String(request.headers.host ?? '');
  const file = settings.files[`${host}${request.url}`];
  record({ service: 'https', host, path: request.url, status: file ? 200 : 404 });
  if (request.method !== 'GET' || !file) {
    response.writeHead(404).end();
    return;
  }
  // Read at each request: the test swaps the archive to show a checksum mismatch.
  response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fs.readFileSync(file));
}

function listen(server, port, address) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, resolve);
  });
}

const handle = (handler) => (request, response) => {
  Promise.resolve(handler(request, response)).catch((error) => {
    response.writeHead(500).end(String(error));
  });
};

Promise.all([
  listen(http.createServer(handle(imds)), 80, '169.254.169.254'),
  listen(http.createServer(handle(secretsManager)), 80, settings.addresses.secretsManager),
  listen(http.createServer(handle(autoScaling)), 80, settings.addresses.autoScaling),
  listen(http.createServer(handle(s3)), 80, settings.addresses.s3),
  listen(
    https.createServer({ cert: fs.readFileSync(settings.tls.cert), key: fs.readFileSync(settings.tls.key) }, handle(files)),
    443,
    settings.addresses.files,
  ),
]).then(
  () => process.stdout.write('ready\n'),
  (error) => {
    process.stderr.write(`aws-edges: ${error.stack}\n`);
    process.exit(1);
  },
);
