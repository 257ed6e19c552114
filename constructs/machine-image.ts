/** CPU architectures Amazon Linux 2023 publishes images for. */
export type CpuArchitecture = 'x86_64' | 'arm64';

/** SSM public parameter holding the latest Amazon Linux 2023 AMI ID for an architecture. */
export function amazonLinux2023Parameter(architecture: CpuArchitecture = 'x86_64'): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}

/**
 * An `image_id` for launch templates that EC2 resolves from the SSM public parameter at
 * launch. Unlike an `aws_ami` data source, it needs no AWS call at plan time, and instances
 * pick up patched images on their next launch without a Terraform change.
 */
export function amazonLinux2023ImageId(architecture: CpuArchitecture = 'x86_64'): string {
  return `resolve:ssm:${amazonLinux2023Parameter(architecture)}`;
}

/** Graviton instance families (a "g" after the generation number) run arm64 images. */
export function architectureOf(instanceType: string): CpuArchitecture {
  const family = instanceType.split('.')[0];
  return /^[a-z]+\d+g[a-z]*$/.test(family) ? 'arm64' : 'x86_64';
}
