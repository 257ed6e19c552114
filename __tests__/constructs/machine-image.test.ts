import { amazonLinux2023ImageId, amazonLinux2023Parameter, architectureOf } from '../../constructs/machine-image';

describe('machine images', () => {
  test('image IDs resolve the Amazon Linux 2023 public parameter at launch', () => {
    expect(amazonLinux2023Parameter()).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    expect(amazonLinux2023ImageId('arm64')).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
  });

  test.each([
    ['t3.micro', 'x86_64'],
    ['t3a.small', 'x86_64'],
    ['m7i.large', 'x86_64'],
    ['t4g.nano', 'arm64'],
    ['c6gn.2xlarge', 'arm64'],
    ['m7gd.medium', 'arm64'],
  ])('%s runs %s images', (instanceType, architecture) => {
    expect(architectureOf(instanceType)).toBe(architecture);
  });
});
