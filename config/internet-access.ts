/** A problem with one field of an environment, as the schema reports it. */
export interface EnvironmentProblem {
  /** Path below the environment, such as ["network", "natGateways"]. */
  readonly path: string[];
  readonly message: string;
}

/** What the internet-access check needs to know of an environment. */
export interface InternetAccessSettings {
  readonly network: { readonly natGateways: string };
  /** Present: every environment runs WordPress. */
  readonly wordpress: object;
}

/**
 * The WordPress web servers live in the private subnets and reach the internet only through a
 * NAT gateway. Their boot installs packages, downloads WordPress and reads the database secret
 * from the Secrets Manager API, so without NAT no instance ever becomes healthy. This spans the
 * network and the WordPress settings of an environment, so it is checked here and not in a construct.
 */
export function findInternetAccessProblems(environment: InternetAccessSettings): EnvironmentProblem[] {
  if (environment.network.natGateways !== 'none') return [];
  return [
    {
      path: ['network', 'natGateways'],
      message:
        '"none" leaves the WordPress web servers in the private subnets without internet access, and their boot needs it ' +
        '(packages, the WordPress download, the Secrets Manager API); use "single" (one NAT gateway, the cheapest) or "perAz" (one per zone, survives a zone outage)',
    },
  ];
}
