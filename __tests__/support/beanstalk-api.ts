import { escapeXml, QueryApiStandIn, startQueryApiStandIn } from '../../harness/query-api-stand-in';

/**
 * A loopback stand-in for the one Elastic Beanstalk API call the platform lookup makes,
 * ListAvailableSolutionStacks, answering in the AWS query protocol's XML. It returns the names
 * in the order given, as AWS does (newest first), and refuses every other action, so a provider
 * that asked for more would fail here as it would against a real endpoint without permissions.
 */
export type BeanstalkApi = QueryApiStandIn;

export function startBeanstalkApi(solutionStacks: readonly string[]): Promise<BeanstalkApi> {
  return startQueryApiStandIn((action, response) => {
    if (action !== 'ListAvailableSolutionStacks') {
      response.writeHead(400, { 'Content-Type': 'text/xml' });
      response.end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${escapeXml(action)} is not served here</Message></Error><RequestId>0</RequestId></ErrorResponse>`,
      );
      return;
    }
    const members = solutionStacks.map((name) => `<member>${escapeXml(name)}</member>`).join('');
    response.writeHead(200, { 'Content-Type': 'text/xml' });
    response.end(
      `<ListAvailableSolutionStacksResponse xmlns="http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/"><ListAvailableSolutionStacksResult><SolutionStacks>${members}</SolutionStacks><SolutionStackDetails></SolutionStackDetails></ListAvailableSolutionStacksResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></ListAvailableSolutionStacksResponse>`,
    );
  });
}
