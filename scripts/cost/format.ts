import { formatTable } from '../cli/table';
import { Assumptions, Estimate } from './estimate';
import { storageClassCosts } from './lessons';
import { PriceTable } from './prices';

/** US dollars with cents, or with more digits below a cent so small items do not read as free. */
export function money(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

const ASSUMPTION_TEXT: Record<keyof Assumptions, string> = {
  hoursPerMonth: 'hours per month every resource runs',
  natGbProcessed: 'GB per month through the NAT gateways (without S3 traffic)',
  s3GbFromPrivateSubnets: 'GB per month between private subnets and S3',
  loadBalancerLcus: 'load balancer capacity units (LCU) in use on average',
  efsStandardGb: 'GB per EFS file system in Standard',
  efsInfrequentAccessGb: 'GB per EFS file system in Infrequent Access',
  s3StandardGbPerBucket: 'GB per S3 bucket in Standard',
  lambdaInvocations: 'invocations per Lambda function per month',
  lambdaSeconds: 'seconds per Lambda invocation',
  cloudFrontGbOut: 'GB per month served by each CloudFront distribution',
};

/** The names `--assume name=value` accepts, with what they mean. */
export function describeAssumptions(): string {
  return Object.entries(ASSUMPTION_TEXT)
    .map(([name, text]) => `${name} (${text})`)
    .join(', ');
}

/** The whole report: line items and total, assumptions, the NAT and S3 endpoint lessons, storage classes. */
export function formatEstimate(environment: string, estimate: Estimate, assumptions: Assumptions, prices: PriceTable): string {
  const out: string[] = [];
  out.push(
    `Monthly cost estimate for environment "${environment}" in ${estimate.region} (on-demand, USD, prices of ${prices.version} from pricing/${prices.region}.json)`,
  );
  out.push('');
  const sorted = [...estimate.items].sort((a, b) => a.service.localeCompare(b.service) || a.resource.localeCompare(b.resource));
  const rows = sorted.map((item) => [item.service, item.resource, item.quantity, money(item.monthly)]);
  rows.push(['total', '', '', money(estimate.total)]);
  out.push(formatTable(['service', 'resource', 'quantity', 'per month'], rows, 3));
  out.push('');
  out.push('Assumptions (change with --assume name=value):');
  for (const [name, text] of Object.entries(ASSUMPTION_TEXT)) {
    out.push(`  ${String(assumptions[name as keyof Assumptions]).padStart(7)}  ${text} (${name})`);
  }
  if (estimate.usageOnly.length > 0) {
    out.push('');
    out.push(`Charged by use, not estimated: ${estimate.usageOnly.join(', ')}.`);
  }
  if (estimate.unpriced.length > 0) {
    out.push('');
    out.push('Not priced (add them to the price table or the estimator):');
    for (const line of estimate.unpriced) out.push(`  ${line}`);
  }
  if (estimate.nat) {
    const nat = estimate.nat;
    out.push('');
    out.push(`NAT gateways for ${nat.zones} zones, ${assumptions.natGbProcessed} GB a month (this environment has ${nat.gatewaysNow}):`);
    out.push(
      `  single: ${money(nat.single)} a month, of which ${money(nat.singleCrossAz)} inter-AZ transfer; one zone failing cuts the others off`,
    );
    out.push(`  perAz:  ${money(nat.perAz)} a month; survives a zone failure for ${money(nat.perAz - nat.single)} more`);
  }
  if (estimate.s3Endpoint) {
    const endpoint = estimate.s3Endpoint;
    out.push('');
    out.push(
      endpoint.present
        ? `S3 gateway endpoint: present. It is free and keeps ${endpoint.gb} GB of S3 traffic off the NAT gateways, saving ${money(endpoint.monthlySaving)} a month.`
        : `S3 gateway endpoint: absent. ${endpoint.gb} GB of S3 traffic pays the NAT's per-GB charge, ${money(endpoint.monthlySaving)} a month a free gateway endpoint would save.`,
    );
  }
  const gb = 100;
  out.push('');
  out.push(`${gb} GB kept for a month, by S3 storage class (what lifecycle transitions save):`);
  out.push(
    `  ${storageClassCosts(prices, gb)
      .map((entry) => `${entry.storageClass} ${money(entry.monthly)}`)
      .join(', ')}`,
  );
  return `${out.join('\n')}\n`;
}
