import { z } from 'zod';
import { ElasticBeanstalkApp } from '../index';
import { instanceTypeSchema } from './instance-type';

/** The environment-level `beanstalk` key: an Elastic Beanstalk app in the environment's VPC. */
export const beanstalkSchema = z
  .object({
    /** Create the application and its environment. */
    enabled: z.boolean().default(false),
    /** Local .zip bundle to deploy; default the sample app in templates/beanstalk-app. */
    sourceBundlePath: z
      .string()
      .regex(/\.zip$/, { error: (issue) => `${JSON.stringify(issue.input)} is not a .zip file; Beanstalk deploys a zip source bundle` })
      .optional(),
    /** Runtime family; the newest Amazon Linux 2023 platform of it is looked up at plan. */
    runtime: z.string().min(1).optional(),
    /** An exact platform name instead of the lookup; either this or runtime. */
    solutionStackName: z.string().min(1).optional(),
    /** Instance type of the app servers. */
    instanceType: instanceTypeSchema.default(ElasticBeanstalkApp.DEFAULT_INSTANCE_TYPE),
    /** Fewest instances. */
    minInstances: z.int().min(1).default(1),
    /** Most instances. */
    maxInstances: z.int().min(1).default(2),
    /** Environment properties for the app (not for secrets). */
    environmentVariables: z.record(z.string(), z.string()).default({}),
  })
  .strict()
  .superRefine((beanstalk, ctx) => {
    if (beanstalk.runtime !== undefined && beanstalk.solutionStackName !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['solutionStackName'],
        message: 'give runtime (the newest platform of a family is looked up) or solutionStackName (one pinned platform), not both',
      });
    }
    if (beanstalk.maxInstances < beanstalk.minInstances) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxInstances'],
        message: `${beanstalk.maxInstances} is below minInstances (${beanstalk.minInstances}); raise maxInstances or lower minInstances`,
      });
    }
  })
  .prefault({});

export type BeanstalkConfig = z.output<typeof beanstalkSchema>;
