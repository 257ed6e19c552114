import { z } from 'zod';
import { BASELINE_GROUPS, CloudtrailTrail, findBucketNameProblem } from '../index';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** The project-level `account` key: what the `account` stack builds, once per AWS account. */
export const accountSchema = z
  .object({
    /** The 12-digit AWS account ID; written into ARNs so nothing has to look it up at plan time. */
    accountId: z.string().regex(/^\d{12}$/, {
      error: (issue) => `${JSON.stringify(issue.input)} is not an AWS account ID; use the 12 digits, such as "123456789012"`,
    }),
    /** Region of the account stack (trail home, owner-tagging function); default the state bucket's. */
    region: z
      .string()
      .regex(REGION, { error: (issue) => `${JSON.stringify(issue.input)} is not an AWS region; use the form eu-west-1` })
      .optional(),
    /** IAM users keyed by user name, with the groups they join. No passwords or keys are created. */
    users: z
      .record(
        z.string(),
        z.strictObject({
          /** Groups the user joins: admin (full access with MFA) or operators (EC2, no terminating). */
          groups: z
            .array(z.enum(BASELINE_GROUPS, { error: `must be one of ${BASELINE_GROUPS.join(', ')}` }))
            .min(1, { error: 'list at least one group' }),
        }),
      )
      // Checked here rather than on the key schema, whose issues zod reports as "Invalid key in record".
      .superRefine((users, ctx) => {
        for (const name of Object.keys(users)) {
          if (!/^[\w+=,.@-]{1,64}$/.test(name)) {
            ctx.addIssue({
              code: 'custom',
              path: [name],
              message: `"${name}" is not a valid IAM user name; use 1-64 letters, digits and +=,.@_-`,
            });
          }
        }
      })
      .default({}),
    /** The CloudTrail trail. */
    trail: z
      .strictObject({
        /** Trail name; default "<project>-trail". */
        name: z.string().min(3).optional(),
        /** Log bucket name, globally unique; default "<project>-cloudtrail-<accountId>". */
        bucketName: z
          .string()
          .superRefine((name, ctx) => {
            const problem = findBucketNameProblem(name);
            if (problem) ctx.addIssue({ code: 'custom', message: `"${name}" ${problem}` });
          })
          .optional(),
        /** Days before log files move to Glacier. */
        glacierAfterDays: z.int().min(1).default(CloudtrailTrail.DEFAULT_GLACIER_AFTER_DAYS),
        /** Days before log files are deleted; default never. */
        expireAfterDays: z.int().optional(),
      })
      .superRefine((trail, ctx) => {
        if (trail.expireAfterDays !== undefined && trail.expireAfterDays <= trail.glacierAfterDays) {
          ctx.addIssue({
            code: 'custom',
            path: ['expireAfterDays'],
            message: `${trail.expireAfterDays} is not after glacierAfterDays (${trail.glacierAfterDays}); use a larger number or leave it unset to keep logs`,
          });
        }
      })
      .prefault({}),
    /** Tag new EC2 instances with Owner = who launched them. */
    ownerTagging: z
      .strictObject({
        /** Deploy the EventBridge rule and function that tag each new instance with its launcher. */
        enabled: z.boolean().default(true),
      })
      .prefault({}),
  })
  .strict();

export type AccountConfig = z.output<typeof accountSchema>;
