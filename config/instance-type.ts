import { z } from 'zod';

/** "t3.micro", "m7g.large", "c6gn.2xlarge": a family, a dot, a size. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.(nano|micro|small|medium|large|metal|\d*xlarge)(-[a-z0-9]+)?$/;

export const instanceTypeSchema = z.string().regex(INSTANCE_TYPE_PATTERN, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an EC2 instance type; write it as family.size, such as "t3.micro"`,
});
