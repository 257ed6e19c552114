import { TerraformOutput } from 'cdktf';
import { Network } from '../../constructs/network';
import { WordPress, WordPressProps } from '../../constructs/wordpress';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';
import { TWO_ZONES } from '../support/zones';

const DOMAIN = { name: 'blog.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };

function synth(props: Partial<WordPressProps> = {}) {
  return synthStack((stack) => {
    const network = new Network(stack, 'network', { name: 'web-prod', availabilityZones: TWO_ZONES });
    const wordpress = new WordPress(stack, 'wordpress', { name: 'web-prod', network, domain: DOMAIN, ...props });
    new TerraformOutput(stack, 'site_url', { value: wordpress.siteUrl });
  });
}

describe('WordPress with a domain', () => {
  test('a DNS-validated certificate for the name serves HTTPS on 443, and port 80 redirects to it', () => {
    const json = synth();
    expect(onlyResourceOf(json, 'aws_acm_certificate')).toMatchObject({ domain_name: 'blog.example.com', validation_method: 'DNS' });
    const validation = onlyResourceOf(json, 'aws_acm_certificate_validation');
    const https = resourceAtPath(json, 'aws_lb_listener', 'wordpress/load-balancer/https');
    expect(https).toMatchObject({
      port: 443,
      protocol: 'HTTPS',
      certificate_arn: ref('aws_acm_certificate_validation', validation, 'certificate_arn'),
    });
    const http = resourceAtPath(json, 'aws_lb_listener', 'wordpress/load-balancer/http');
    expect(http.default_action[0]).toMatchObject({
      type: 'redirect',
      redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' },
    });
  });

  test('an alias A record points the name at the load balancer, and the site URL is https://<name>', () => {
    const json = synth();
    const lb = onlyResourceOf(json, 'aws_lb');
    const alias = resourcesOf(json, 'aws_route53_record').find((r) => r.alias);
    expect(alias).toMatchObject({
      zone_id: DOMAIN.hostedZoneId,
      name: DOMAIN.name,
      type: 'A',
      alias: { name: ref('aws_lb', lb, 'dns_name'), zone_id: ref('aws_lb', lb, 'zone_id') },
    });
    expect(json.output.site_url.value).toBe('https://blog.example.com');
  });

  test('a domain next to a certificateArn of its own is refused, naming both', () => {
    expect(() =>
      synth({ loadBalancer: { certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000' } }),
    ).toThrow(/domain and loadBalancer\.certificateArn: give one/);
  });
});
