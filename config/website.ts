import { z } from 'zod';
import {
  findLifecycleRuleProblems,
  findWebsiteDomainProblem,
  LifecycleRule,
  LifecycleRules,
  StaticWebsite,
  TRANSITION_STORAGE_CLASSES,
  WEBSITE_HOSTING_MODES,
} from '../index';

const domainSchema = z.string().superRefine((domain, ctx) => {
  const problem = findWebsiteDomainProblem(domain);
  if (problem) ctx.addIssue({ code: 'custom', message: `"${domain}" ${problem}` });
});

const transitionSchema = z.strictObject({
  /** Storage class the objects move to. */
  storageClass: z.enum(TRANSITION_STORAGE_CLASSES, { error: `must be one of ${TRANSITION_STORAGE_CLASSES.join(', ')}` }),
  /** Days after creation (or after becoming noncurrent) before the move. */
  days: z.number(),
});

const lifecycleRuleSchema = z.strictObject({
  /** Rule ID, unique in the bucket. */
  id: z.string(),
  /** Key prefix such as "archive/"; omit for the whole bucket. */
  prefix: z.string().optional(),
  /** Whether the rule applies; default true. */
  enabled: z.boolean().optional(),
  /** Moves of current objects to cheaper storage classes. */
  transitions: z.array(transitionSchema).optional(),
  /** Days after which current objects are deleted. */
  expirationDays: z.number().optional(),
  /** Moves of old versions to cheaper storage classes. */
  noncurrentVersionTransitions: z.array(transitionSchema).optional(),
  /** Days after which old versions are deleted. */
  noncurrentVersionExpirationDays: z.number().optional(),
  /** Days after which unfinished multipart uploads are aborted (their parts are billed but invisible). */
  abortIncompleteMultipartUploadDays: z.number().optional(),
});

export const websiteSchema = z
  .object({
    /** Host name the site is served under, such as "www.example.com". */
    domainName: domainSchema,
    /**
     * Bucket name. With "s3-website" only domainName is accepted (S3 answers for the bucket named
     * like the Host header); with "cloudfront" default "<project>-<environment>-<domain with dashes>".
     */
    bucketName: z.string().optional(),
    /** "s3-website" (HTTP from the bucket's website endpoint) or "cloudfront" (HTTPS). */
    hosting: z
      .enum(WEBSITE_HOSTING_MODES, { error: 'must be "s3-website" (HTTP from the bucket) or "cloudfront" (HTTPS)' })
      .default(StaticWebsite.DEFAULT_HOSTING),
    /** Page served for a folder's address. */
    indexDocument: z.string().default(StaticWebsite.DEFAULT_INDEX_DOCUMENT),
    /** Page served when a file is missing. */
    errorDocument: z.string().default(StaticWebsite.DEFAULT_ERROR_DOCUMENT),
    /** Host names, such as the apex, redirected to domainName through buckets of their own. */
    redirectDomains: z.array(domainSchema).default([]),
    /** Route 53 hosted zone of the domain; without it no DNS records are written. */
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{1,32}$/, { error: 'is not a Route 53 hosted zone ID; those look like "Z0123456789ABCDEFGHIJ"' })
      .optional(),
    /** Existing us-east-1 ACM certificate (cloudfront only); default a new DNS-validated one. */
    certificateArn: z.string().optional(),
    /** CloudFront price class (cloudfront only). */
    priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).optional(),
    /** Folder uploaded into the bucket, relative to the project root, such as "site". */
    contentDir: z.string().min(1).optional(),
    /** Lifecycle rules of the site's bucket. */
    lifecycleRules: z
      .array(lifecycleRuleSchema)
      .default(() => LifecycleRules.DEFAULT_RULES.map((rule) => structuredClone(rule) as z.infer<typeof lifecycleRuleSchema>)),
    /** Let terraform destroy delete the buckets with their objects. */
    forceDestroy: z.boolean().default(false),
  })
  .strict()
  .superRefine((website, ctx) => {
    if (website.hosting === 's3-website' && website.bucketName !== undefined && website.bucketName !== website.domainName) {
      ctx.addIssue({
        code: 'custom',
        path: ['bucketName'],
        message: `"${website.bucketName}" differs from domainName "${website.domainName}": S3 website hosting only answers for the bucket named like the Host header; remove bucketName or set it to "${website.domainName}"`,
      });
    }
    if (website.hosting === 'cloudfront' && website.hostedZoneId === undefined && website.certificateArn === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['hostedZoneId'],
        message:
          'is required with hosting "cloudfront" to validate the certificate through DNS; set it, or give an issued us-east-1 certificateArn',
      });
    }
    if (website.hosting === 's3-website') {
      for (const field of ['certificateArn', 'priceClass'] as const) {
        if (website[field] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'only applies with hosting "cloudfront"; remove it or set hosting to "cloudfront"',
          });
        }
      }
    }
    if (website.redirectDomains.includes(website.domainName)) {
      ctx.addIssue({
        code: 'custom',
        path: ['redirectDomains'],
        message: `lists the site's own domain "${website.domainName}"; a redirect to itself would loop`,
      });
    }
    for (const problem of findLifecycleRuleProblems(website.lifecycleRules as LifecycleRule[])) {
      ctx.addIssue({ code: 'custom', path: ['lifecycleRules'], message: problem });
    }
  });

export type WebsiteConfig = z.output<typeof websiteSchema>;
