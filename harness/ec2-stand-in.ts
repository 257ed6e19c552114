// A loopback stand-in for the one EC2 call the AWS provider makes while planning an
// aws_instance that has prior state and a launch template: DescribeTags (it reads the
// template's tags). The change check points the provider's `endpoints { ec2 }` here, so the
// plan needs no network; every other action is refused with EC2's own error shape, so a provider
// that asked for more fails with a message naming the action instead of waiting on AWS.
import { escapeXml, QueryApiStandIn, startQueryApiStandIn } from './query-api-stand-in';

export type Ec2StandIn = QueryApiStandIn;

const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Starts the stand-in on a free loopback port. */
export function startEc2StandIn(): Promise<Ec2StandIn> {
  return startQueryApiStandIn((action, response) => {
    response.setHeader('Content-Type', 'text/xml');
    if (action === 'DescribeTags') {
      response.writeHead(200);
      response.end(`<DescribeTagsResponse xmlns="${EC2_NAMESPACE}"><requestId>offline</requestId><tagSet/></DescribeTagsResponse>`);
      return;
    }
    response.writeHead(400);
    response.end(
      `<Response><Errors><Error><Code>UnsupportedOperation</Code><Message>${escapeXml(action || 'this request')} is not answered offline: the change check stands in for DescribeTags only</Message></Error></Errors><RequestID>offline</RequestID></Response>`,
    );
  });
}
