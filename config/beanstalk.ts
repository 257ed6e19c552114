import { z } from 'zod';
import { ElasticBeanstalkApp } from '../constructs/elastic-beanstalk-app';
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
    /** Platform (solution stack) name. */
    solutionStackName: z.string().min(1).default(ElasticBeanstalkApp.DEFAULT_SOLUTION_STACK),
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
