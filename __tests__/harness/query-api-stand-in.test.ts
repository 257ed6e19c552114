import { escapeXml, startQueryApiStandIn } from '../../harness/query-api-stand-in';

describe('the loopback query-API server behind the AWS stand-ins', () => {
  test('reads the action from a form body or the query string, records each in order and lets the stand-in answer', async () => {
    const api = await startQueryApiStandIn((action, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end(`answered ${action}`);
    });
    try {
      const fromBody = await fetch(api.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Action: 'DescribeTags' }).toString(),
      });
      expect(await fromBody.text()).toBe('answered DescribeTags');
      const fromQuery = await fetch(`${api.endpoint}/?Action=ListAvailableSolutionStacks`);
      expect(await fromQuery.text()).toBe('answered ListAvailableSolutionStacks');
      const none = await fetch(api.endpoint);
      expect(await none.text()).toBe('answered ');
      expect(api.actions).toEqual(['DescribeTags', 'ListAvailableSolutionStacks', '']);
    } finally {
      await api.close();
    }
  });

  test('escapes what XML would read as markup', () => {
    expect(escapeXml('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
  });
});
