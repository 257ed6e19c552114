import { startEc2StandIn } from '../../harness/ec2-stand-in';

async function post(endpoint: string, action: string): Promise<{ status: number; body: string }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ Action: action, Version: '2016-11-15' }).toString(),
  });
  return { status: response.status, body: await response.text() };
}

describe('the loopback EC2 stand-in', () => {
  test('answers DescribeTags with an empty tag set and refuses every other action in EC2 error form', async () => {
    const ec2 = await startEc2StandIn();
    try {
      expect(ec2.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const tags = await post(ec2.endpoint, 'DescribeTags');
      expect(tags.status).toBe(200);
      expect(tags.body).toMatch(
        /<DescribeTagsResponse xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/2016-11-15\/">.*<tagSet\/><\/DescribeTagsResponse>/,
      );
      const other = await post(ec2.endpoint, 'RunInstances');
      expect(other.status).toBe(400);
      expect(other.body).toMatch(/<Code>UnsupportedOperation<\/Code><Message>RunInstances is not answered offline/);
      expect(ec2.actions).toEqual(['DescribeTags', 'RunInstances']);
    } finally {
      await ec2.close();
    }
  });
});
