// The web servers' settings apart from their resources: the group sizes that follow each other,
// and the per-field checks. The construct and the configuration loader both run these (through
// `findWebServersProblems`), so a file and a program get the same answer. The defaults stay
// `WebServers.DEFAULT_*`; they are passed in, so this module needs the construct only as a type
// and there is no import cycle.
import { showValue } from '../../core/errors';
import { findInstanceTypeProblem } from '../instance-type';
import type { WebServers, WebServersSettings } from '../web-servers';
import { FieldProblem, wholeNumberProblem } from './problems';

/** The defaults the settings fall back to: the `WebServers` class, for its `DEFAULT_*` constants. */
export type WebServersDefaults = typeof WebServers;

/** Group sizes after defaults: desired follows min, max follows desired. */
export function resolveGroupSizeWith(
  props: WebServersSettings,
  defaults: WebServersDefaults,
): { minSize: number; desiredCapacity: number; maxSize: number } {
  const minSize = props.minSize ?? defaults.DEFAULT_MIN_SIZE;
  const desiredCapacity = props.desiredCapacity ?? Math.max(minSize, defaults.DEFAULT_DESIRED_CAPACITY);
  const maxSize = props.maxSize ?? Math.max(desiredCapacity, defaults.DEFAULT_MAX_SIZE);
  return { minSize, desiredCapacity, maxSize };
}

/** Every problem of the settings, with `defaults` applied and the group sizes following each other. */
export function webServersSettingsProblems(props: WebServersSettings, defaults: WebServersDefaults): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const instanceTypeProblem = findInstanceTypeProblem(props.instanceType ?? defaults.DEFAULT_INSTANCE_TYPE);
  if (instanceTypeProblem) problems.push({ field: 'instanceType', message: instanceTypeProblem });
  const { minSize, desiredCapacity, maxSize } = resolveGroupSizeWith(props, defaults);
  const counts: Array<[string, number]> = [
    ['minSize', minSize],
    ['desiredCapacity', desiredCapacity],
    ['maxSize', maxSize],
  ];
  for (const [field, value] of counts) {
    problems.push(...wholeNumberProblem(field, value, 0, Number.MAX_SAFE_INTEGER, 'must be a whole number of instances, 0 or more'));
  }
  if (problems.length > (instanceTypeProblem ? 1 : 0)) return problems;
  if (maxSize < 1) {
    problems.push({ field: 'maxSize', message: `${maxSize} must be at least 1, or the group can never run an instance` });
  } else if (minSize > maxSize) {
    problems.push({ field: 'minSize', message: `${minSize} is greater than maxSize ${maxSize}; raise maxSize or lower minSize` });
  } else if (desiredCapacity < minSize || desiredCapacity > maxSize) {
    problems.push({
      field: 'desiredCapacity',
      message: `${desiredCapacity} is outside minSize ${minSize} to maxSize ${maxSize}; choose a value in that range`,
    });
  }
  const targetCpu = props.targetCpuUtilization ?? defaults.DEFAULT_TARGET_CPU_UTILIZATION;
  if (!(targetCpu >= 10 && targetCpu <= 90)) {
    problems.push({ field: 'targetCpuUtilization', message: `${showValue(targetCpu)} is out of range; use a percentage from 10 to 90` });
  }
  const grace = props.healthCheckGracePeriodSeconds ?? defaults.DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS;
  problems.push(
    ...wholeNumberProblem('healthCheckGracePeriodSeconds', grace, 0, 7200, 'is out of range; use whole seconds from 0 to 7200'),
  );
  const rootVolume = props.rootVolumeSizeGiB ?? defaults.DEFAULT_ROOT_VOLUME_SIZE_GIB;
  problems.push(
    ...wholeNumberProblem('rootVolumeSizeGiB', rootVolume, 8, 1024, 'is out of range; Amazon Linux 2023 needs at least 8, use up to 1024'),
  );
  return problems;
}
