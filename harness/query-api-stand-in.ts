// The loopback server behind each AWS API stand-in that the offline plans and their tests
// point the provider at (`endpoints { ec2 = ... }`): it reads the AWS query protocol's Action
// from the form body or the query string, records it, and lets the stand-in answer. One place
// keeps the parts every such stand-in needs alike, such as closing the SDK's kept-alive sockets.
import * as http from 'http';

export interface QueryApiStandIn {
  /** `http://127.0.0.1:<port>`, for the provider's `endpoints` setting. */
  readonly endpoint: string;
  /** Actions requested so far, in order. */
  readonly actions: readonly string[];
  close(): Promise<void>;
}

/** Text safe inside an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Starts a stand-in on a free loopback port; `answer` writes the response to each action. */
export async function startQueryApiStandIn(answer: (action: string, response: http.ServerResponse) => void): Promise<QueryApiStandIn> {
  const actions: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
      const action = new URLSearchParams(Buffer.concat(chunks).toString()).get('Action') ?? query.get('Action') ?? '';
      actions.push(action);
      answer(action, response);
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
