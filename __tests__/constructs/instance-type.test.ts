import { findInstanceTypeProblem, INSTANCE_TYPE_PATTERN } from '../../constructs/instance-type';

describe('findInstanceTypeProblem', () => {
  test.each(['t3.micro', 't4g.nano', 'm7g.large', 'c6gn.2xlarge', 'm5.metal', 'u-6tb1.metal', 'r7iz.metal-16xl', 'x2iedn.32xlarge'])(
    '%s is an instance type',
    (instanceType) => {
      expect(findInstanceTypeProblem(instanceType)).toBeUndefined();
      expect(INSTANCE_TYPE_PATTERN.test(instanceType)).toBe(true);
    },
  );

  test.each(['t3', 'micro', 'T3.micro', 't3.tiny', 'db.t4g.micro', 't.micro', ' t3.micro'])(
    '%j is refused with the form to use',
    (instanceType) => {
      expect(findInstanceTypeProblem(instanceType)).toBe(
        `${JSON.stringify(instanceType)} is not an EC2 instance type; write it as family.size, such as "t3.micro"`,
      );
    },
  );
});
