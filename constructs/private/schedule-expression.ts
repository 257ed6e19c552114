const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
// EventBridge cron has six fields: minutes hours day-of-month month day-of-week year.
const CRON = /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/;

/**
 * Why a string is not an EventBridge schedule expression, or undefined when it is one.
 * Catches the mistakes EventBridge would only report at apply time: `rate(1 hours)`,
 * `rate(5 minute)`, a five-field Unix cron.
 */
export function findScheduleProblem(expression: string): string | undefined {
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const plural = rate[2].endsWith('s');
    if (value < 1) {
      return `${JSON.stringify(expression)}: the rate must be at least 1`;
    }
    if (value === 1 && plural) {
      return `${JSON.stringify(expression)}: EventBridge wants the singular unit for 1, as in "rate(1 ${rate[2].slice(0, -1)})"`;
    }
    if (value > 1 && !plural) {
      return `${JSON.stringify(expression)}: EventBridge wants the plural unit above 1, as in "rate(${value} ${rate[2]}s)"`;
    }
    return undefined;
  }
  if (CRON.test(expression)) {
    return undefined;
  }
  return `${JSON.stringify(expression)} is not a schedule expression; use "rate(5 minutes)", "rate(1 hour)" or a six-field "cron(0 * * * ? *)"`;
}
