import { WebStackError } from '../../core/errors';
import { FlowLogs } from '../../constructs/flow-logs';
import { HealthCheck } from '../../constructs/health-check';
import { NodeFunction } from '../../constructs/node-function';
import { Operations } from '../../constructs/operations';
import { config } from '../../config/environments';
import { parseConfig } from '../../config/load';
import { ConfigInput } from '../../config/schema';

/** The shipped configuration with dev's `operations` replaced (undefined removes the key). */
function withOperations(operations: unknown, extra: (dev: any) => void = () => undefined): ConfigInput {
  const draft = structuredClone(config) as any;
  if (operations === undefined) {
    delete draft.environments.dev.operations;
  } else {
    draft.environments.dev.operations = operations;
  }
  extra(draft.environments.dev);
  return draft;
}

function expectOperationsError(operations: unknown, message: RegExp): void {
  expect(() => parseConfig(withOperations(operations))).toThrow(WebStackError);
  expect(() => parseConfig(withOperations(operations))).toThrow(message);
}

describe('operations configuration', () => {
  test('left out, every default applies: hourly check, flow logs on, documented thresholds', () => {
    expect(parseConfig(withOperations(undefined)).environments.dev.operations).toEqual({
      alarmEmails: [],
      healthCheck: {
        enabled: true,
        schedule: HealthCheck.DEFAULT_SCHEDULE,
        timeoutMs: HealthCheck.DEFAULT_TIMEOUT_MS,
        errorThreshold: HealthCheck.DEFAULT_ERROR_THRESHOLD,
      },
      thresholds: {
        target5xxCount: Operations.DEFAULT_TARGET_5XX_COUNT,
        unhealthyHosts: Operations.DEFAULT_UNHEALTHY_HOSTS,
        databaseCpuPercent: Operations.DEFAULT_DATABASE_CPU_PERCENT,
        databaseFreeStorageGiB: Operations.DEFAULT_DATABASE_FREE_STORAGE_GIB,
        databaseFreeableMemoryMiB: Operations.DEFAULT_DATABASE_FREEABLE_MEMORY_MIB,
      },
      flowLogs: { enabled: true, retentionDays: FlowLogs.DEFAULT_RETENTION_DAYS, trafficType: 'ALL' },
      logRetentionDays: NodeFunction.DEFAULT_LOG_RETENTION_DAYS,
    });
    expect(HealthCheck.DEFAULT_SCHEDULE).toBe('rate(1 hour)');
  });

  test('the shipped prod checks every five minutes; dev keeps the hourly default', () => {
    const parsed = parseConfig(config);
    expect(parsed.environments.prod.operations.healthCheck.schedule).toBe('rate(5 minutes)');
    expect(parsed.environments.dev.operations.healthCheck.schedule).toBe('rate(1 hour)');
  });

  test('a partial thresholds block keeps the other defaults', () => {
    const thresholds = parseConfig(withOperations({ thresholds: { databaseCpuPercent: 90 } })).environments.dev.operations.thresholds;
    expect(thresholds).toMatchObject({ databaseCpuPercent: 90, target5xxCount: Operations.DEFAULT_TARGET_5XX_COUNT });
  });

  test('a URL, expected text and an off switch for flow logs are kept', () => {
    const operations = parseConfig(
      withOperations({ healthCheck: { url: 'https://www.example.com/', expectedText: 'My Blog' }, flowLogs: { enabled: false } }),
    ).environments.dev.operations;
    expect(operations.healthCheck).toMatchObject({ url: 'https://www.example.com/', expectedText: 'My Blog' });
    expect(operations.flowLogs.enabled).toBe(false);
  });

  describe('rejects', () => {
    test('an address that is not an e-mail', () => {
      expectOperationsError(
        { alarmEmails: ['ops.example.com'] },
        /operations\.alarmEmails\.0: "ops\.example\.com" is not an e-mail address/,
      );
    });

    test('the same address twice', () => {
      expectOperationsError(
        { alarmEmails: ['a@example.com', 'A@example.com'] },
        /operations\.alarmEmails\.1: "A@example\.com" is listed twice/,
      );
    });

    test('a schedule EventBridge would refuse', () => {
      expectOperationsError(
        { healthCheck: { schedule: 'rate(1 hours)' } },
        /operations\.healthCheck\.schedule: "rate\(1 hours\)": EventBridge wants the singular unit/,
      );
    });

    test('a URL without http or https', () => {
      expectOperationsError(
        { healthCheck: { url: 'www.example.com' } },
        /operations\.healthCheck\.url: "www\.example\.com" is not an http:\/\/ or https:\/\/ URL/,
      );
    });

    test('a timeout outside 1 to 60 seconds', () => {
      expectOperationsError({ healthCheck: { timeoutMs: 120000 } }, /operations\.healthCheck\.timeoutMs:/);
    });

    test('an error threshold below 1', () => {
      expectOperationsError({ healthCheck: { errorThreshold: 0 } }, /operations\.healthCheck\.errorThreshold:/);
    });

    test('a CPU threshold above 100 percent', () => {
      expectOperationsError({ thresholds: { databaseCpuPercent: 150 } }, /operations\.thresholds\.databaseCpuPercent:/);
    });

    test('a retention CloudWatch Logs does not offer', () => {
      expectOperationsError(
        { flowLogs: { retentionDays: 45 } },
        /operations\.flowLogs\.retentionDays: 45 is not a retention CloudWatch Logs accepts/,
      );
      expectOperationsError({ logRetentionDays: 2 }, /operations\.logRetentionDays: 2 is not a retention CloudWatch Logs accepts/);
    });

    test('an unknown flow log traffic type', () => {
      expectOperationsError(
        { flowLogs: { trafficType: 'DENIED' } },
        /operations\.flowLogs\.trafficType: must be "ALL", "ACCEPT" or "REJECT"/,
      );
    });

    test('an unknown key', () => {
      expectOperationsError({ alarmEmail: 'ops@example.com' }, /operations: .*alarmEmail/);
    });

    test('no health check URL while the load balancer serves HTTPS under a certificate', () => {
      const input = withOperations({}, (dev) => {
        dev.wordpress = {
          ...dev.wordpress,
          loadBalancer: { certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100' },
        };
      });
      expect(() => parseConfig(input)).toThrow(/operations\.healthCheck\.url: is required with wordpress\.loadBalancer\.certificateArn/);
    });
  });
});
