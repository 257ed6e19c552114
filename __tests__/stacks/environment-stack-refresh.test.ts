import { projectConfig, synthesizeProject } from '../support/project';

/**
 * The fewest instances in service during an instance refresh: AWS keeps min_healthy_percentage of
 * the desired capacity (rounded up) in service, and desired capacity is never below min_size.
 */
function lowestInServiceDuringRefresh(minHealthyPercentage: number, minSize: number): number {
  return Math.ceil((minHealthyPercentage / 100) * minSize);
}

/** The in-service alarm fires when the period's Maximum of GroupInServiceInstances is below the threshold. */
function alarmFires(inService: number, alarm: Record<string, any>): boolean {
  expect([alarm.comparison_operator, alarm.statistic]).toEqual(['LessThanThreshold', 'Maximum']);
  return inService < alarm.threshold;
}

describe('no alarm during an instance refresh', () => {
  const app = synthesizeProject(projectConfig);

  test('the check can fail: the former 50 % min healthy would take a 2-instance group below a threshold of 2', () => {
    const alarm = { comparison_operator: 'LessThanThreshold', statistic: 'Maximum', threshold: 2 };
    expect(alarmFires(lowestInServiceDuringRefresh(50, 2), alarm)).toBe(true);
    expect(alarmFires(lowestInServiceDuringRefresh(100, 2), alarm)).toBe(false);
  });

  test.each(Object.keys(projectConfig.environments))(
    '%s: the refresh launches before it terminates, so in-service never falls below the alarm threshold',
    (env) => {
      const json = app.stackJson(env);
      const groups = Object.values<Record<string, any>>(json.resource.aws_autoscaling_group);
      expect(groups).toHaveLength(1);
      const [group] = groups;
      const preferences = group.instance_refresh.preferences;
      expect(group.instance_refresh.strategy).toBe('Rolling');
      // Launching first needs room above 100 %; AWS allows at most 100 points between the two.
      expect(preferences.max_healthy_percentage).toBeGreaterThan(100);
      expect(preferences.max_healthy_percentage - preferences.min_healthy_percentage).toBeLessThanOrEqual(100);

      const alarms = Object.values<Record<string, any>>(json.resource.aws_cloudwatch_metric_alarm).filter(
        (alarm) => alarm.metric_name === 'GroupInServiceInstances',
      );
      expect(alarms).toHaveLength(1);
      const [alarm] = alarms;
      const groupName = Object.entries<Record<string, any>>(json.resource.aws_autoscaling_group)[0][0];
      expect(alarm.dimensions.AutoScalingGroupName).toBe(`\${aws_autoscaling_group.${groupName}.name}`);
      expect(alarm.threshold).toBe(group.min_size);
      expect(alarmFires(lowestInServiceDuringRefresh(preferences.min_healthy_percentage, group.min_size), alarm)).toBe(false);
    },
  );
});
