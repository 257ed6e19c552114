/** One watched metric: enough to build its alarm and its dashboard widget from the same data. */
export interface MetricAlarmSpec {
  /** Stable key, also the alarm's construct ID and name suffix. */
  readonly key: string;
  /** Widget title. */
  readonly title: string;
  /** Alarm description: what the alarm means and what to do, shown in the e-mail. */
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: 'Sum' | 'Average' | 'Minimum' | 'Maximum';
  /** Seconds per data point. */
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  readonly comparisonOperator: 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold';
  readonly treatMissingData: 'missing' | 'notBreaching' | 'breaching';
}

const WIDGET_WIDTH = 12;
const WIDGET_HEIGHT = 6;

/**
 * A CloudWatch dashboard body with one line graph per metric, two per row, the alarm
 * threshold drawn as a horizontal line. Tokens in dimensions become Terraform interpolations.
 */
export function dashboardBody(region: string, specs: readonly MetricAlarmSpec[]): string {
  const widgets = specs.map((spec, index) => ({
    type: 'metric',
    x: (index % 2) * WIDGET_WIDTH,
    y: Math.floor(index / 2) * WIDGET_HEIGHT,
    width: WIDGET_WIDTH,
    height: WIDGET_HEIGHT,
    properties: {
      title: spec.title,
      region,
      view: 'timeSeries',
      stat: spec.statistic,
      period: spec.period,
      metrics: [[spec.namespace, spec.metricName, ...Object.entries(spec.dimensions).flat()]],
      annotations: { horizontal: [{ label: 'alarm threshold', value: spec.threshold }] },
    },
  }));
  return JSON.stringify({ widgets });
}
