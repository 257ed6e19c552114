import { Construct } from 'constructs';
import { Fn, TerraformIterator, TerraformProvider, Token } from 'cdktf';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { WebStackError } from '../core/errors';
import { findHostNameProblem } from './private/domain-name';

/** Route 53 hosted zone IDs: "Z" and up to 32 upper-case letters and digits. */
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,32}$/;

export interface DnsValidatedCertificateProps {
  /** The certificate's main name, such as "www.example.com". */
  readonly domainName: string;
  /**
   * More names the certificate covers, such as the apex "example.com".
   *
   * @default []
   */
  readonly subjectAlternativeNames?: readonly string[];
  /** Route 53 hosted zone that holds every name; the validation records go there. */
  readonly hostedZoneId: string;
  /**
   * Provider of the certificate's region (us-east-1 for CloudFront).
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An ACM certificate validated through DNS: one validation record per name, keyed by the name,
 * and the wait until ACM has issued it.
 *
 * @example
 * const certificate = new DnsValidatedCertificate(this, 'certificate', {
 *   domainName: 'www.example.com', subjectAlternativeNames: ['example.com'], hostedZoneId: 'Z0123456789ABCDEFGHIJ',
 * });
 * new LbListener(this, 'https', { certificateArn: certificate.certificateArn, ... });
 */
export class DnsValidatedCertificate extends Construct {
  public readonly certificate: AcmCertificate;
  /** The certificate's ARN once issued: use it, not `certificate.arn`, so listeners wait. */
  public readonly certificateArn: string;
  /** Every name the certificate covers. */
  public readonly domainNames: readonly string[];

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const names = [props.domainName, ...(props.subjectAlternativeNames ?? [])];
    for (const name of names) {
      const problem = findHostNameProblem(name);
      if (problem) throw new WebStackError(`domain name "${name}" ${problem}`, this);
    }
    if (new Set(names).size !== names.length) {
      throw new WebStackError(
        `subjectAlternativeNames ${JSON.stringify(props.subjectAlternativeNames)}: list each name once, and not the domainName`,
        this,
      );
    }
    if (!HOSTED_ZONE_ID.test(props.hostedZoneId)) {
      throw new WebStackError(
        `hostedZoneId "${props.hostedZoneId}": is not a Route 53 hosted zone ID; those look like "Z0123456789ABCDEFGHIJ"`,
        this,
      );
    }
    this.domainNames = names;
    this.certificate = new AcmCertificate(this, 'Resource', {
      provider: props.provider,
      domainName: props.domainName,
      subjectAlternativeNames: props.subjectAlternativeNames?.length ? [...props.subjectAlternativeNames] : undefined,
      validationMethod: 'DNS',
      // A replacement certificate must be issued before its users let go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });
    // One record per configured name, keyed by the name: with alternative names the provider
    // knows the validation options only at apply, so a for_each over them could not be planned.
    // The map is built from plain expressions, not fromComplexList: that iterator produces its
    // for expression lazily, so cdktf made four new tokens, each with a stack trace, for every
    // lookup in every resolution (a quarter of the app's stack frames, deep in the resolver).
    // Same text: `{ for key, val in { for key, val in tolist(...domain_validation_options):
    // val.domain_name => val }: val.domain_name => val }`.
    const byDomainName = (map: unknown) =>
      TerraformIterator.fromMap(map as Record<string, unknown>).forExpressionForMap('val.domain_name', 'val');
    const byName = byDomainName(byDomainName(this.certificate.domainValidationOptions));
    const option = (name: string, attribute: string) => Token.asString(Fn.lookupNested(byName, [name, attribute]));
    const records = names.map(
      (name) =>
        new Route53Record(this, `validation-${name}`, {
          zoneId: props.hostedZoneId,
          name: option(name, 'resource_record_name'),
          type: option(name, 'resource_record_type'),
          records: [option(name, 'resource_record_value')],
          ttl: 300,
          allowOverwrite: true,
        }),
    );
    const validation = new AcmCertificateValidation(this, 'validation', {
      provider: props.provider,
      certificateArn: this.certificate.arn,
      validationRecordFqdns: records.map((record) => record.fqdn),
    });
    this.certificateArn = validation.certificateArn;
  }
}
