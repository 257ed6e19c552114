import { z } from 'zod';
import { findLogRetentionProblem, findScheduleProblem, FlowLogs, HealthCheck, NodeFunction, Operations } from '../index';

const retentionSchema = z.int().superRefine((days, ctx) => {
  const problem = findLogRetentionProblem(days);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const emailSchema = z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an e-mail address; write it as name@example.com`,
});

const healthCheckSchema = z
  .object({
    /** Request the site on a schedule and alarm when it fails. */
    enabled: z.boolean().default(true),
    /** Address to request; default the WordPress load balancer's URL. */
    url: z
      .string()
      .regex(/^https?:\/\/[^/\s]+/, { error: (issue) => `${JSON.stringify(issue.input)} is not an http:// or https:// URL` })
      .optional(),
    /** EventBridge schedule expression. */
    schedule: z
      .string()
      .superRefine((expression, ctx) => {
        const problem = findScheduleProblem(expression);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .default(HealthCheck.DEFAULT_SCHEDULE),
    /** Milliseconds the site has to deliver the page. */
    timeoutMs: z.int().min(1000).max(60_000).default(HealthCheck.DEFAULT_TIMEOUT_MS),
    /** Text the page must contain. */
    expectedText: z.string().min(1).optional(),
    /** Failed attempts (each retry counts) per hour that raise the alarm. */
    errorThreshold: z.int().min(1).default(HealthCheck.DEFAULT_ERROR_THRESHOLD),
  })
  .strict()
  .prefault({});

const thresholdsSchema = z
  .object({
    /** Target 5xx answers in 5 minutes. */
    target5xxCount: z.int().min(1).default(Operations.DEFAULT_TARGET_5XX_COUNT),
    /** Unhealthy targets for 5 minutes. */
    unhealthyHosts: z.int().min(1).default(Operations.DEFAULT_UNHEALTHY_HOSTS),
    /** Average database CPU percent over 15 minutes. */
    databaseCpuPercent: z.number().gt(0).max(100).default(Operations.DEFAULT_DATABASE_CPU_PERCENT),
    /** Free database storage in GiB. */
    databaseFreeStorageGiB: z.number().positive().default(Operations.DEFAULT_DATABASE_FREE_STORAGE_GIB),
    /** Freeable database memory in MiB. */
    databaseFreeableMemoryMiB: z.number().positive().default(Operations.DEFAULT_DATABASE_FREEABLE_MEMORY_MIB),
  })
  .strict()
  .prefault({});

const flowLogsSchema = z
  .object({
    /** Record the VPC's traffic in CloudWatch Logs. */
    enabled: z.boolean().default(true),
    /** Days the records are kept. */
    retentionDays: retentionSchema.default(FlowLogs.DEFAULT_RETENTION_DAYS),
    /** ALL, ACCEPT or REJECT. */
    trafficType: z
      .enum(['ALL', 'ACCEPT', 'REJECT'], { error: 'must be "ALL", "ACCEPT" or "REJECT"' })
      .default(FlowLogs.DEFAULT_TRAFFIC_TYPE),
  })
  .strict()
  .prefault({});

/** The environment-level `operations` key: alarms, their e-mail, the health check, flow logs. */
export const operationsSchema = z
  .object({
    /** Addresses that receive every alarm; each must confirm the subscription mail first. */
    alarmEmails: z
      .array(emailSchema)
      .default([])
      .superRefine((emails, ctx) => {
        const lower = emails.map((email) => email.toLowerCase());
        lower.forEach((email, index) => {
          if (lower.indexOf(email) !== index) {
            ctx.addIssue({ code: 'custom', path: [index], message: `"${emails[index]}" is listed twice; list each address once` });
          }
        });
      }),
    healthCheck: healthCheckSchema,
    thresholds: thresholdsSchema,
    flowLogs: flowLogsSchema,
    /** Days the health check function's logs are kept. */
    logRetentionDays: retentionSchema.default(NodeFunction.DEFAULT_LOG_RETENTION_DAYS),
  })
  .strict()
  .prefault({});

export type OperationsConfig = z.output<typeof operationsSchema>;
