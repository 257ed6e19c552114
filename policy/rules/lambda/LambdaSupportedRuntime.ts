import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { stringValue } from '../../values';

/**
 * Runtimes AWS Lambda has deprecated (no more security patches), from the Lambda runtime
 * support policy. Extend the list when AWS deprecates another one.
 */
export const DEPRECATED_LAMBDA_RUNTIMES: readonly string[] = [
  'nodejs',
  'nodejs4.3',
  'nodejs4.3-edge',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'nodejs18.x',
  'nodejs20.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'python3.9',
  'ruby2.5',
  'ruby2.7',
  'ruby3.2',
  'java8',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet5.0',
  'dotnet6',
  'dotnet7',
  'go1.x',
  'provided',
];

/** Functions run on a runtime that still gets security updates. */
export const LambdaSupportedRuntime: PolicyRule = {
  name: 'LambdaSupportedRuntime',
  resourceTypes: ['aws_lambda_function'],
  check(fn) {
    if (fn.config.package_type === 'Image') return Compliance.NOT_APPLICABLE;
    const runtime = stringValue(fn.config.runtime, 'runtime');
    if (!runtime) return Compliance.NOT_APPLICABLE;
    return DEPRECATED_LAMBDA_RUNTIMES.includes(runtime) ? nonCompliant(`runtime "${runtime}" is deprecated`) : Compliance.COMPLIANT;
  },
};
