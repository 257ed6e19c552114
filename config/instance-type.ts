import { z } from 'zod';
import { findInstanceTypeProblem } from '../index';

/** An EC2 instance type; the pattern and the message belong to the constructs that launch instances. */
export const instanceTypeSchema = z.string().superRefine((value, ctx) => {
  const problem = findInstanceTypeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
