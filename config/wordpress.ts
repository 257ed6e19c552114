import { z } from 'zod';
import { Database, DB_INSTANCE_CLASS_PATTERN, MYSQL_VERSION_PATTERN } from '../constructs/database';
import { FileSystem, TRANSITION_TO_IA_VALUES } from '../constructs/file-system';
import { ACM_CERTIFICATE_ARN_PATTERN } from '../constructs/load-balancer';
import { WebServers } from '../constructs/web-servers';
import { instanceTypeSchema } from './instance-type';

const show = (value: unknown) => JSON.stringify(value);
const wholeNumber = (min: number, max: number, unit: string) =>
  z
    .number()
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min} ${unit}` })
    .max(max, { error: `must be at most ${max} ${unit}` });

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

const webServersSchema = z
  .object({
    /** Instance type of the web servers. Default t3.micro. */
    instanceType: instanceTypeSchema.default(WebServers.DEFAULT_INSTANCE_TYPE),
    /** Fewest instances. Default 2. */
    minSize: wholeNumber(0, 100, 'instances').default(WebServers.DEFAULT_MIN_SIZE),
    /** Instances to start with. Default 2. */
    desiredCapacity: wholeNumber(0, 100, 'instances').default(WebServers.DEFAULT_DESIRED_CAPACITY),
    /** Most instances. Default 4. */
    maxSize: wholeNumber(1, 100, 'instances').default(WebServers.DEFAULT_MAX_SIZE),
    /** Average CPU percentage target tracking aims for. Default 50. */
    targetCpuUtilization: z
      .number()
      .min(10, { error: 'must be at least 10 (%)' })
      .max(90, { error: 'must be at most 90 (%)' })
      .default(WebServers.DEFAULT_TARGET_CPU_UTILIZATION),
    /** Existing EC2 key pair for SSH through the bastion. Default: none, use Session Manager. */
    keyName: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((web, ctx) => {
    if (web.minSize > web.maxSize) {
      ctx.addIssue({
        code: 'custom',
        path: ['minSize'],
        message: `${web.minSize} is greater than maxSize ${web.maxSize}; raise maxSize or lower minSize`,
      });
    } else if (web.desiredCapacity < web.minSize || web.desiredCapacity > web.maxSize) {
      ctx.addIssue({
        code: 'custom',
        path: ['desiredCapacity'],
        message: `${web.desiredCapacity} is outside minSize ${web.minSize} to maxSize ${web.maxSize}; choose a value in that range`,
      });
    }
  });

const databaseSchema = z
  .object({
    /** MySQL version. Default 8.4 (long-term support). */
    engineVersion: z
      .string()
      .regex(MYSQL_VERSION_PATTERN, {
        error: (issue) => `${show(issue.input)} is not a MySQL version; use "8.4" or a full version such as "8.4.5"`,
      })
      .default(Database.DEFAULT_ENGINE_VERSION),
    /** RDS instance class. Default db.t4g.micro. */
    instanceClass: z
      .string()
      .regex(DB_INSTANCE_CLASS_PATTERN, {
        error: (issue) => `${show(issue.input)} is not an RDS instance class; write it as db.family.size, such as "db.t4g.micro"`,
      })
      .default(Database.DEFAULT_INSTANCE_CLASS),
    /** Initial gp3 storage in GiB. Default 20. */
    allocatedStorageGiB: wholeNumber(20, 65536, 'GiB').default(Database.DEFAULT_ALLOCATED_STORAGE_GIB),
    /** Storage autoscaling limit in GiB. Default 100. */
    maxAllocatedStorageGiB: wholeNumber(20, 65536, 'GiB').default(Database.DEFAULT_MAX_ALLOCATED_STORAGE_GIB),
    /** Standby in a second zone. Default false. */
    multiAz: z.boolean().default(false),
    /** Refuse deletion of the database. Default false. */
    deletionProtection: z.boolean().default(false),
    /** Delete without a final snapshot. Default false. */
    skipFinalSnapshot: z.boolean().default(false),
    /** Days of automated backups. Default 7. */
    backupRetentionDays: wholeNumber(1, 35, 'days').default(Database.DEFAULT_BACKUP_RETENTION_DAYS),
  })
  .strict()
  .superRefine((db, ctx) => {
    if (db.maxAllocatedStorageGiB < db.allocatedStorageGiB) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxAllocatedStorageGiB'],
        message: `${db.maxAllocatedStorageGiB} is below allocatedStorageGiB ${db.allocatedStorageGiB}; the autoscaling limit must be at least the initial size`,
      });
    }
  });

const fileSystemSchema = z
  .object({
    /** When unread files move to Infrequent Access. Default AFTER_30_DAYS. */
    transitionToIa: z
      .enum(TRANSITION_TO_IA_VALUES, { error: `must be one of ${TRANSITION_TO_IA_VALUES.join(', ')}` })
      .default(FileSystem.DEFAULT_TRANSITION_TO_IA),
    /** Daily AWS Backup backups. Default true. */
    enableBackups: z.boolean().default(true),
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
    /** RDS CA bundle fetched at boot: { url, sha256 }. Default: AWS's global bundle. */
    rdsCaBundle: z
      .object({
        /** HTTPS URL of the PEM bundle, such as your partition's bundle in China or GovCloud. */
        url: z.string(),
        /** SHA-256 of the bundle, 64 hex digits; a boot stops when the download differs. */
        sha256: z.string(),
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
