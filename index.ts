// The package's public entry point: every construct with its props types, the building blocks
// that need no project configuration (connections, ports, peers, policy documents, machine
// images), the project's error type from core/, and the policy pack (which re-exports core/'s
// suppressions). stacks/, config/ and main.ts are this repository's own
// app and are not exported; __tests__/index.test.ts fails when a module of constructs/ is
// missing here.
export * from './core/errors';
export * from './core/stateful';
export * from './constructs/alarm-topic';
export * from './constructs/bastion-host';
export * from './constructs/boot-files';
export * from './constructs/cloudtrail-trail';
export * from './constructs/connections';
export * from './constructs/database';
export * from './constructs/database-interface';
export * from './constructs/database-setup';
export * from './constructs/dns-validated-certificate';
export * from './constructs/beanstalk-platform';
export * from './constructs/elastic-beanstalk-app';
export * from './constructs/file-system';
export * from './constructs/file-system-interface';
export * from './constructs/flow-logs';
export * from './constructs/grant';
export * from './constructs/health-check';
export * from './constructs/iam-baseline';
export * from './constructs/instance-type';
export * from './constructs/instance-role';
export * from './constructs/lifecycle-rules';
export * from './constructs/load-balancer';
export * from './constructs/load-balancer-interface';
export * from './constructs/machine-image';
export * from './constructs/nat-gateways';
export * from './constructs/network-acls';
export * from './constructs/network';
export * from './constructs/network-interface';
export * from './constructs/node-function';
export * from './constructs/operations';
export * from './constructs/owner-tagging';
export * from './constructs/peer';
export * from './constructs/policy-document';
export * from './constructs/port';
export * from './constructs/private-bucket';
export * from './constructs/runtime-secret';
export * from './constructs/security-group';
export * from './constructs/state-bucket';
export * from './constructs/static-website';
export * from './constructs/target-group';
export * from './constructs/terraform-data';
export * from './constructs/validation';
export * from './constructs/web-servers';
export * from './constructs/website-bucket';
export * from './constructs/website-content';
export * from './constructs/website-distribution';
export * from './constructs/wordpress';
export * from './policy';
