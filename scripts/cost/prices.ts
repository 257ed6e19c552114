import * as fs from 'fs';
import { z } from 'zod';
import { packageFile } from '../../core/package-file';
import { CommandError } from '../cli/errors';

const perUnit = z.number().nonnegative();

/** The shape of pricing/<region>.json: on-demand prices in USD. */
export const priceTableSchema = z.object({
  region: z.string(),
  currency: z.literal('USD'),
  version: z.string(),
  source: z.string(),
  ec2: z.object({ instanceHour: z.record(z.string(), perUnit), ebsGp3GbMonth: perUnit }),
  rds: z.object({ instanceHour: z.record(z.string(), perUnit), storageGp3GbMonth: perUnit, multiAzFactor: perUnit }),
  natGateway: z.object({ hour: perUnit, gbProcessed: perUnit }),
  publicIpv4Hour: perUnit,
  loadBalancer: z.object({ applicationHour: perUnit, lcuHour: perUnit }),
  vpcEndpoint: z.object({ gatewayHour: perUnit, interfaceHourPerAz: perUnit }),
  dataTransfer: z.object({ interAzGbEachDirection: perUnit }),
  efs: z.object({ standardGbMonth: perUnit, infrequentAccessGbMonth: perUnit }),
  s3: z.object({
    standardGbMonth: perUnit,
    standardIaGbMonth: perUnit,
    glacierFlexibleRetrievalGbMonth: perUnit,
    glacierDeepArchiveGbMonth: perUnit,
  }),
  cloudwatch: z.object({ standardAlarmMonth: perUnit, dashboardMonth: perUnit }),
  lambda: z.object({ gbSecond: perUnit, requestsPerMillion: perUnit }),
  secretsManager: z.object({ secretMonth: perUnit }),
  kms: z.object({ keyMonth: perUnit }),
  cloudfront: z.object({ dataOutGb: perUnit }),
});

export type PriceTable = z.infer<typeof priceTableSchema>;

/** Reads and checks pricing/<region>.json, or says which regions have a table. */
export function loadPriceTable(region: string): PriceTable {
  const dir = packageFile('pricing');
  const file = `${dir}/${region}.json`;
  if (!fs.existsSync(file)) {
    const known = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -5));
    throw new CommandError(
      `There is no price table for region ${region}: pricing/ has ${known.join(', ')}. Copy one of them to pricing/${region}.json and enter that region's prices.`,
    );
  }
  const result = priceTableSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new CommandError(`pricing/${region}.json is not a valid price table (${problems}); fix those fields.`);
  }
  return result.data;
}
