import { referencesIn, TfResource } from '../cli/terraform-json';
import type { Assumptions, NatComparison, S3EndpointSaving } from './estimate';
import { PriceTable } from './prices';

/** Rounds to a millionth of a dollar, so sums of hand-computed figures compare exactly. */
export const round = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The seed's lesson: one NAT gateway per zone against a single one, for the same traffic. A single
 * gateway saves gateway-hours and addresses, but traffic from the other zones crosses zones to
 * reach it and pays inter-AZ transfer both ways (and loses outbound access if that zone fails).
 */
export function compareNatLayouts(all: readonly TfResource[], prices: PriceTable, assumptions: Assumptions): NatComparison | undefined {
  const privateZones = new Set(
    all
      .filter((resource) => resource.type === 'aws_subnet' && resource.body.tags?.Tier === 'private')
      .map((subnet) => subnet.body.availability_zone),
  );
  if (privateZones.size === 0) return undefined;
  const zones = privateZones.size;
  const hours = assumptions.hoursPerMonth;
  const gatewayMonth = (prices.natGateway.hour + prices.publicIpv4Hour) * hours;
  const processing = assumptions.natGbProcessed * prices.natGateway.gbProcessed;
  const crossAzGb = (assumptions.natGbProcessed * (zones - 1)) / zones;
  const singleCrossAz = crossAzGb * prices.dataTransfer.interAzGbEachDirection * 2;
  return {
    zones,
    gatewaysNow: all.filter((resource) => resource.type === 'aws_nat_gateway').length,
    single: round(gatewayMonth + processing + singleCrossAz),
    perAz: round(zones * gatewayMonth + processing),
    singleCrossAz: round(singleCrossAz),
  };
}

/** What the S3 gateway endpoint keeps off the NAT gateways' per-GB charge. */
export function s3EndpointSaving(all: readonly TfResource[], prices: PriceTable, assumptions: Assumptions): S3EndpointSaving | undefined {
  if (!all.some((resource) => resource.type === 'aws_subnet' && resource.body.tags?.Tier === 'private')) return undefined;
  const present = all.some(
    (resource) =>
      resource.type === 'aws_vpc_endpoint' &&
      (resource.body.vpc_endpoint_type ?? 'Gateway') === 'Gateway' &&
      String(resource.body.service_name ?? '').endsWith('.s3') &&
      referencesIn(resource.body.route_table_ids ?? []).length > 0,
  );
  const gb = assumptions.s3GbFromPrivateSubnets;
  return { present, gb, monthlySaving: round(gb * prices.natGateway.gbProcessed) };
}

/** A month of `gb` in each S3 storage class: what lifecycle transitions are worth. */
export function storageClassCosts(prices: PriceTable, gb: number): { storageClass: string; monthly: number }[] {
  return [
    { storageClass: 'S3 Standard', monthly: gb * prices.s3.standardGbMonth },
    { storageClass: 'S3 Standard-IA', monthly: gb * prices.s3.standardIaGbMonth },
    { storageClass: 'S3 Glacier Flexible Retrieval', monthly: gb * prices.s3.glacierFlexibleRetrievalGbMonth },
    { storageClass: 'S3 Glacier Deep Archive', monthly: gb * prices.s3.glacierDeepArchiveGbMonth },
  ].map((entry) => ({ ...entry, monthly: round(entry.monthly) }));
}
