// A loopback stand-in for the one EC2 call the AWS provider makes while planning an
// aws_instance that has prior state and a launch template: DescribeTags (it reads the
// template's tags). The change check points the provider's `endpoints { ec2 }` here, so the
// plan needs no network; every other action is refused with EC2's own error shape, so a provider
// that asked for more fails with a message naming the action instead of waiting on AWS.
import * as http from 'http';

export interface Ec2StandIn {
  /** `http://127.0.0.1:<port>`, for the provider's `endpoints { ec2 = ... }`. */
  readonly endpoint: string;
  /** Actions requested so far, in order. */
  readonly actions: readonly string[];
  close(): Promise<void>;
}

const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Starts the stand-in on a free loopback port. */
export async function startEc2StandIn(): Promise<Ec2StandIn> {
  const actions: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
      const action = new URLSearchParams(Buffer.concat(chunks).toString()).get('Action') ?? query.get('Action') ?? '';
      actions.push(action);
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
