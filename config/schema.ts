import { z } from 'zod';
import { findBucketNameProblem } from '../index';
import { PROJECT_STACK_NAMES } from './stack-names';
import { accountSchema } from './account';
import { bastionSchema } from './bastion';
import { beanstalkSchema } from './beanstalk';
import { findInternetAccessProblems } from './internet-access';
import { networkSchema } from './network';
import { operationsSchema } from './operations';
import { websiteSchema } from './website';
import { wordpressSchema } from './wordpress';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const regionSchema = z
  .string()
  .regex(REGION, { error: (issue) => `${JSON.stringify(issue.input)} is not an AWS region; use the form eu-west-1` });
const tagsSchema = z.record(z.string(), z.string()).default({});
const WORKSPACE_NAME = /^[A-Za-z0-9_-]{1,90}$/;
const remoteExecutionSchema = z
  .object({
    /** The HCP Terraform organization that owns the workspaces. */
    organization: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be an HCP Terraform organization name: letters, digits, "-" and "_"' }),
    /** First part of every workspace name. Default: the project name. */
    workspacePrefix: z
      .string()
      .regex(WORKSPACE_NAME, { error: 'must be letters, digits, "-" and "_", at most 90 characters, such as "web-stack"' })
      .optional(),
    /** HCP Terraform or Terraform Enterprise host. Default app.terraform.io. */
    hostname: z.string().min(1, { error: 'is empty; leave it out for app.terraform.io' }).optional(),
  })
  .strict();

export const projectSchema = z
  .object({
    /** Short name used as the prefix of every resource name. */
    name: z.string().regex(/^[a-z][a-z0-9-]{1,20}[a-z0-9]$/, {
      error: 'must be 3-22 lowercase letters, digits and hyphens, starting with a letter, such as "web-stack"',
    }),
    /** Where every stack keeps its Terraform state. */
    stateBucket: z
      .object({
        /** Globally unique name of the state bucket (bucket names are shared by every AWS account). */
        name: z.string().superRefine((name, ctx) => {
          const problem = findBucketNameProblem(name);
          if (problem) ctx.addIssue({ code: 'custom', message: `"${name}" ${problem}` });
        }),
        /** Region of the state bucket. */
        region: regionSchema,
      })
      .strict(),
    /** Tags on every resource of every environment. */
    tags: tagsSchema,
    /** The account baseline (IAM, CloudTrail, owner tagging); without it there is no account stack. */
    account: accountSchema.optional(),
  })
  .strict();

export const environmentSchema = z
  .object({
    /** The AWS region the environment lives in. */
    region: regionSchema,
    /** The VPC: subnets per availability zone, NAT gateways. */
    network: networkSchema,
    /** The SSH bastion host in a public subnet. */
    bastion: bastionSchema,
    /** The WordPress site (ALB, web servers, RDS MySQL, EFS); every field has a default. */
    wordpress: wordpressSchema,
    /** An Elastic Beanstalk application and environment in the environment's VPC. */
    beanstalk: beanstalkSchema,
    /** A static website on S3 in its own `<env>-website` stack; without it there is none. */
    website: websiteSchema.optional(),
    /** Alarms with e-mail, the site health check, VPC flow logs; every field has a default. */
    operations: operationsSchema,
    /** Extra tags on top of the project's. */
    tags: tagsSchema,
    /**
     * Run this environment's plans and applies on HCP Terraform instead of keeping state in the
     * state bucket: one workspace per stack, `<workspacePrefix>-<stack>` (such as web-stack-dev and
     * web-stack-dev-website). Default: state in the project's state bucket.
     */
    remoteExecution: remoteExecutionSchema.optional(),
  })
  .strict()
  .superRefine((environment, ctx) => {
    for (const problem of findInternetAccessProblems(environment)) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
    for (const zone of Object.keys(environment.network.availabilityZones)) {
      if (!zone.startsWith(environment.region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['network', 'availabilityZones', zone],
          message: `"${zone}" is not in region ${environment.region}; use zones such as ${environment.region}a`,
        });
      }
    }
    const healthCheck = environment.operations.healthCheck;
    if (healthCheck.enabled && healthCheck.url === undefined && environment.wordpress.loadBalancer.certificateArn !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['operations', 'healthCheck', 'url'],
        message:
          'is required with wordpress.loadBalancer.certificateArn: the certificate names your domain, not the load balancer, so give the address visitors use, such as "https://www.example.com/"',
      });
    }
  });

export const configSchema = z
  .object({
    project: projectSchema,
    environments: z.record(
      z
        .string()
        .regex(/^[a-z][a-z0-9]{1,11}$/, { error: 'environment names are 2-12 lowercase letters and digits' })
        .refine((name) => !PROJECT_STACK_NAMES.includes(name), {
          error: (issue) => `"${issue.input}" is the name of a project-wide stack; call the environment something else, such as "staging"`,
        }),
      environmentSchema,
    ),
  })
  .strict();

/** Configuration as written, before defaults are applied. */
export type ConfigInput = z.input<typeof configSchema>;
/** Validated configuration with every default filled in. */
export type Config = z.output<typeof configSchema>;
export type ProjectConfig = Config['project'];
export type EnvironmentConfig = Config['environments'][string];
