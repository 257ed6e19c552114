import { config } from '../../config/environments';
import { findInternetAccessProblems } from '../../config/internet-access';
import { parseConfig } from '../../config/load';

describe('internet access of the WordPress web servers', () => {
  test.each(['single', 'perAz'])('natGateways "%s" gives them a route out: no problem', (natGateways) => {
    expect(findInternetAccessProblems({ network: { natGateways }, wordpress: {} })).toEqual([]);
  });

  test('natGateways "none" is refused, naming the field and the two ways out', () => {
    const [problem, ...rest] = findInternetAccessProblems({ network: { natGateways: 'none' }, wordpress: {} });
    expect(rest).toEqual([]);
    expect(problem.path).toEqual(['network', 'natGateways']);
    expect(problem.message).toMatch(/^"none" leaves the WordPress web servers .* without internet access/);
    expect(problem.message).toMatch(/use "single" .* or "perAz"/);
  });

  test('the configuration refuses it for the one environment that sets it, and only once', () => {
    const input = structuredClone(config) as any;
    input.environments.dev.network.natGateways = 'none';
    let message = '';
    try {
      parseConfig(input);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.match(/natGateways/g)).toHaveLength(1);
    expect(message).toMatch(/environments\.dev\.network\.natGateways: "none"/);
  });
});
