import * as http from 'http';

/**
 * A loopback stand-in for the one Elastic Beanstalk API call the platform lookup makes,
 * ListAvailableSolutionStacks, answering in the AWS query protocol's XML. It returns the names
 * in the order given, as AWS does (newest first), and refuses every other action, so a provider
 * that asked for more would fail here as it would against a real endpoint without permissions.
 */
export interface BeanstalkApi {
  readonly endpoint: string;
  /** Actions requested so far. */
  readonly actions: string[];
  close(): Promise<void>;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function startBeanstalkApi(solutionStacks: readonly string[]): Promise<BeanstalkApi> {
  const actions: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const action = new URLSearchParams(Buffer.concat(chunks).toString()).get('Action') ?? '';
      actions.push(action);
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
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    actions,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps its connection alive; close() alone would wait for it.
        server.closeAllConnections();
      }),
  };
}
