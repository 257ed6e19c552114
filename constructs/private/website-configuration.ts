import type { S3BucketWebsiteConfigurationConfig } from '@cdktf/provider-aws/lib/s3-bucket-website-configuration';
import { findHostNameProblem } from './domain-name';

/** A conditional redirect of S3 website hosting, as in S3's RoutingRule. */
export interface RoutingRule {
  /**
   * When the rule applies.
   *
   * @default - every request
   */
  readonly condition?: {
    /** Keys starting with this, such as "docs/". */
    readonly keyPrefixEquals?: string;
    /** Responses with this HTTP error code, such as 404. */
    readonly httpErrorCodeReturnedEquals?: number;
  };
  /** Where the request goes instead. At least one field. */
  readonly redirect: {
    /** Host to redirect to. @default - the request's host */
    readonly hostName?: string;
    /** Protocol of the redirect. @default - the request's protocol */
    readonly protocol?: 'http' | 'https';
    /** 3xx status code of the redirect. @default 301 */
    readonly httpRedirectCode?: number;
    /** Replaces the matched key prefix. @default - the key is kept */
    readonly replaceKeyPrefixWith?: string;
    /** Replaces the whole key. @default - the key is kept */
    readonly replaceKeyWith?: string;
  };
}

/** Serve documents: an index document per folder, an error document, optional routing rules. */
export interface WebsiteDocuments {
  /** Suffix appended to requests for a folder, such as "index.html". */
  readonly indexDocument: string;
  /**
   * Key returned with 4xx errors.
   *
   * @default - S3's own error page
   */
  readonly errorDocument?: string;
  /**
   * Conditional redirects, at most 50.
   *
   * @default []
   */
  readonly routingRules?: readonly RoutingRule[];
}

/** Answer every request with a redirect to another host, such as apex to www. */
export interface WebsiteRedirect {
  readonly redirectAllRequestsTo: {
    /** Host every request is sent to, such as "www.example.com". */
    readonly hostName: string;
    /** Protocol of the redirect. @default - the request's protocol */
    readonly protocol?: 'http' | 'https';
  };
}

export type WebsiteBehaviour = WebsiteDocuments | WebsiteRedirect;

/** S3 accepts at most this many routing rules on a bucket. */
const MAX_ROUTING_RULES = 50;

export function isRedirect(behaviour: WebsiteBehaviour): behaviour is WebsiteRedirect {
  return 'redirectAllRequestsTo' in behaviour;
}

/** Every problem of a website configuration, each naming the field, the value and the fix. */
export function findWebsiteConfigurationProblems(behaviour: WebsiteBehaviour): string[] {
  if (isRedirect(behaviour)) {
    const host = behaviour.redirectAllRequestsTo.hostName;
    const problem = findHostNameProblem(host);
    return problem ? [`redirectAllRequestsTo.hostName "${host}" ${problem}`] : [];
  }
  const problems: string[] = [];
  const { indexDocument, errorDocument, routingRules = [] } = behaviour;
  if (indexDocument === '' || indexDocument.includes('/')) {
    problems.push(
      `indexDocument "${indexDocument}": S3 needs a file name without "/", such as "index.html"; it is appended to every folder request`,
    );
  }
  if (errorDocument !== undefined && (errorDocument === '' || errorDocument.startsWith('/'))) {
    problems.push(`errorDocument "${errorDocument}": give an object key without a leading "/", such as "error.html"`);
  }
  if (routingRules.length > MAX_ROUTING_RULES) {
    problems.push(`routingRules: ${routingRules.length} rules; S3 accepts at most ${MAX_ROUTING_RULES}`);
  }
  routingRules.forEach((rule, index) => problems.push(...routingRuleProblems(`routingRules[${index}]`, rule)));
  return problems;
}

function routingRuleProblems(at: string, rule: RoutingRule): string[] {
  const problems: string[] = [];
  const { condition, redirect } = rule;
  if (condition && condition.keyPrefixEquals === undefined && condition.httpErrorCodeReturnedEquals === undefined) {
    problems.push(`${at}.condition: is empty; set keyPrefixEquals or httpErrorCodeReturnedEquals, or leave condition out`);
  }
  const code = condition?.httpErrorCodeReturnedEquals;
  if (code !== undefined && !(Number.isInteger(code) && code >= 400 && code <= 599)) {
    problems.push(`${at}.condition.httpErrorCodeReturnedEquals ${code}: use an HTTP error code from 400 to 599`);
  }
  if (Object.values(redirect).every((value) => value === undefined)) {
    problems.push(
      `${at}.redirect: is empty; set at least one of hostName, protocol, httpRedirectCode, replaceKeyPrefixWith, replaceKeyWith`,
    );
  }
  if (redirect.replaceKeyPrefixWith !== undefined && redirect.replaceKeyWith !== undefined) {
    problems.push(
      `${at}.redirect: replaceKeyPrefixWith and replaceKeyWith cannot both be set; S3 replaces either the prefix or the whole key`,
    );
  }
  const redirectCode = redirect.httpRedirectCode;
  if (redirectCode !== undefined && !(Number.isInteger(redirectCode) && redirectCode >= 300 && redirectCode <= 399)) {
    problems.push(`${at}.redirect.httpRedirectCode ${redirectCode}: use a 3xx redirect code, such as 301 or 302`);
  }
  const hostProblem = redirect.hostName !== undefined ? findHostNameProblem(redirect.hostName) : undefined;
  if (hostProblem) {
    problems.push(`${at}.redirect.hostName "${redirect.hostName}" ${hostProblem}`);
  }
  return problems;
}

/** The `aws_s3_bucket_website_configuration` arguments for a behaviour, without the bucket. */
export function toWebsiteConfiguration(behaviour: WebsiteBehaviour): Omit<S3BucketWebsiteConfigurationConfig, 'bucket'> {
  if (isRedirect(behaviour)) {
    return { redirectAllRequestsTo: { ...behaviour.redirectAllRequestsTo } };
  }
  const routingRules = behaviour.routingRules ?? [];
  return {
    indexDocument: { suffix: behaviour.indexDocument },
    errorDocument: behaviour.errorDocument !== undefined ? { key: behaviour.errorDocument } : undefined,
    routingRule:
      routingRules.length > 0
        ? routingRules.map((rule) => ({
            condition: rule.condition
              ? {
                  keyPrefixEquals: rule.condition.keyPrefixEquals,
                  httpErrorCodeReturnedEquals: rule.condition.httpErrorCodeReturnedEquals?.toString(),
                }
              : undefined,
            redirect: { ...rule.redirect, httpRedirectCode: rule.redirect.httpRedirectCode?.toString() },
          }))
        : undefined,
  };
}
