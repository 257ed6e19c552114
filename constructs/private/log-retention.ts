/** The retention periods CloudWatch Logs accepts, in days; 0 keeps logs forever. */
export const LOG_RETENTION_DAYS: readonly number[] = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Why a value is not a CloudWatch Logs retention period, or undefined when it is one. */
export function findLogRetentionProblem(days: number): string | undefined {
  if (LOG_RETENTION_DAYS.includes(days)) {
    return undefined;
  }
  return `${days} is not a retention CloudWatch Logs accepts; use one of ${LOG_RETENTION_DAYS.join(', ')} (0 keeps logs forever)`;
}
