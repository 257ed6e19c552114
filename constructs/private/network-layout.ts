import { blockContains, blocksOverlap, describeCidrProblem, Ipv4Block, parseIpv4Cidr } from './cidr';

/** One thing wrong with an input, located by its field path relative to the props. */
export interface InputProblem {
  readonly field: string;
  readonly message: string;
}

/** A VPC's address plan: its block and, per availability zone, the blocks of its public and private subnet. */
export interface NetworkLayout {
  readonly cidrBlock: string;
  readonly availabilityZones: Readonly<Record<string, { readonly publicCidr: string; readonly privateCidr: string }>>;
}

const AZ_NAME = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/;

/**
 * Checks a VPC's address plan: valid blocks, subnets inside the VPC, no two subnets
 * overlapping, at least two availability zones. Shared by the configuration loader and the
 * Network construct so both report the same problems under the same field names.
 */
export function findNetworkLayoutProblems(layout: NetworkLayout): InputProblem[] {
  const problems: InputProblem[] = [];
  const vpcProblem = describeCidrProblem(layout.cidrBlock);
  if (vpcProblem) {
    problems.push({ field: 'cidrBlock', message: `"${layout.cidrBlock}": ${vpcProblem}` });
  }
  const vpc = parseIpv4Cidr(layout.cidrBlock);
  if (vpc && (vpc.prefixLength < 16 || vpc.prefixLength > 28)) {
    problems.push({ field: 'cidrBlock', message: `"${layout.cidrBlock}": AWS allows VPC blocks from /16 to /28` });
  }

  const zones = Object.keys(layout.availabilityZones);
  if (zones.length < 2) {
    problems.push({
      field: 'availabilityZones',
      message: `has ${zones.length} zone(s) (${zones.join(', ') || 'none'}); list at least two, such as eu-west-1a and eu-west-1b, so the stack survives the loss of one`,
    });
  }

  const subnets: { field: string; block: Ipv4Block }[] = [];
  for (const zone of zones) {
    if (!AZ_NAME.test(zone)) {
      problems.push({
        field: `availabilityZones.${zone}`,
        message: `"${zone}" is not an availability zone name; use the form eu-west-1a`,
      });
    }
    for (const tier of ['publicCidr', 'privateCidr'] as const) {
      const field = `availabilityZones.${zone}.${tier}`;
      const cidr = layout.availabilityZones[zone][tier];
      const problem = describeCidrProblem(cidr);
      if (problem) {
        problems.push({ field, message: `"${cidr}": ${problem}` });
        continue;
      }
      const block = parseIpv4Cidr(cidr)!;
      if (vpc && !blockContains(vpc, block)) {
        problems.push({ field, message: `"${cidr}" lies outside the VPC block ${vpc.cidr}; pick a subnet inside it` });
      }
      if (block.prefixLength > 28) {
        problems.push({ field, message: `"${cidr}": AWS subnets must be /28 or larger` });
      }
      const clash = subnets.find((other) => blocksOverlap(other.block, block));
      if (clash) {
        problems.push({
          field,
          message: `"${cidr}" overlaps ${clash.field} "${clash.block.cidr}"; give every subnet its own range`,
        });
      }
      subnets.push({ field, block });
    }
  }
  return problems;
}

/** Joins problems into one readable paragraph, each led by its field path. */
export function formatProblems(problems: readonly InputProblem[], prefix = ''): string {
  return problems.map((p) => `${prefix}${p.field} ${p.message}`).join('\n');
}
