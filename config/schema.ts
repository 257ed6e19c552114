import { z } from 'zod';
import { findBucketNameProblem } from '../constructs/private/bucket-name';
import { bastionSchema } from './bastion';
import { networkSchema } from './network';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const regionSchema = z.string().regex(REGION, { error: (issue) => `${JSON.stringify(issue.input)} is not an AWS region; use the form eu-west-1` });
const tagsSchema = z.record(z.string(), z.string()).default({});

export const projectSchema = z
  .object({
    /** Short name used as the prefix of every resource name. */
    name: z.string().regex(/^[a-z][a-z0-9-]{1,20}[a-z0-9]$/, {
      error: 'must be 3-22 lowercase letters, digits and hyphens, starting with a letter, such as "web-stack"',
    }),
    /** Where every stack keeps its Terraform state. */
    stateBucket: z
      .object({
        name: z.string().superRefine((name, ctx) => {
          const problem = findBucketNameProblem(name);
          if (problem) ctx.addIssue({ code: 'custom', message: `"${name}" ${problem}` });
        }),
        region: regionSchema,
      })
      .strict(),
    /** Tags on every resource of every environment. */
    tags: tagsSchema,
  })
  .strict();

export const environmentSchema = z
  .object({
    /** The AWS region the environment lives in. */
    region: regionSchema,
    network: networkSchema,
    bastion: bastionSchema,
    /** Extra tags on top of the project's. */
    tags: tagsSchema,
  })
  .strict()
  .superRefine((environment, ctx) => {
    for (const zone of Object.keys(environment.network.availabilityZones)) {
      if (!zone.startsWith(environment.region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['network', 'availabilityZones', zone],
          message: `"${zone}" is not in region ${environment.region}; use zones such as ${environment.region}a`,
        });
      }
    }
  });

export const configSchema = z
  .object({
    project: projectSchema,
    environments: z.record(z.string().regex(/^[a-z][a-z0-9]{1,11}$/, { error: 'environment names are 2-12 lowercase letters and digits' }), environmentSchema),
  })
  .strict();

/** Configuration as written, before defaults are applied. */
export type ConfigInput = z.input<typeof configSchema>;
/** Validated configuration with every default filled in. */
export type Config = z.output<typeof configSchema>;
export type ProjectConfig = Config['project'];
export type EnvironmentConfig = Config['environments'][string];
