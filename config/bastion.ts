import { z } from 'zod';
import { BastionHost, describeCidrProblem } from '../index';
import { instanceTypeSchema } from './instance-type';

export const bastionSchema = z
  .object({
    /** Create the bastion host. Without it nothing opens port 22; use Session Manager. */
    enabled: z.boolean().default(true),
    /** CIDRs allowed to SSH to the bastion. */
    sshCidrs: z
      .array(
        z.string().superRefine((cidr, ctx) => {
          const problem = describeCidrProblem(cidr);
          if (problem) {
            ctx.addIssue({ code: 'custom', message: `"${cidr}": ${problem}` });
          } else if (cidr === '0.0.0.0/0') {
            ctx.addIssue({ code: 'custom', message: '"0.0.0.0/0" opens SSH to the whole internet; list your own networks' });
          }
        }),
      )
      .default([]),
    /** Bastion instance type. */
    instanceType: instanceTypeSchema.default(BastionHost.DEFAULT_INSTANCE_TYPE),
    /** Existing EC2 key pair name. */
    keyName: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((bastion, ctx) => {
    if (bastion.enabled && bastion.sshCidrs.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['sshCidrs'],
        message:
          'is empty while the bastion is enabled; list the CIDRs allowed to SSH in (for example "203.0.113.0/24"), or set bastion.enabled to false and use Session Manager',
      });
    }
  });
