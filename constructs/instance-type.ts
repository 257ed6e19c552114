/** "t3.micro", "m7g.large", "c6gn.2xlarge": a family, a dot, a size. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.(nano|micro|small|medium|large|metal|\d*xlarge)(-[a-z0-9]+)?$/;

/** What is wrong with an EC2 instance type, or undefined when it is well formed. */
export function findInstanceTypeProblem(instanceType: string): string | undefined {
  return INSTANCE_TYPE_PATTERN.test(instanceType)
    ? undefined
    : `${JSON.stringify(instanceType)} is not an EC2 instance type; write it as family.size, such as "t3.micro"`;
}
