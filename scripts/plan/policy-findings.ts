// The policy findings a plan summary shows next to the changes. They are read back from what
// the synth wrote, because the synth ran in this process but its results live on disk.
import * as fs from 'fs';
import * as path from 'path';
import { PolicyFinding } from '../../harness/plan-summary';

const LEVELS: Record<string, PolicyFinding['level']> = { '@cdktf/error': 'error', '@cdktf/warn': 'warning', '@cdktf/info': 'info' };

/** The policy pack's report beside each stack's cdk.tf.json (policy/report.ts). */
const POLICY_REPORT_FILE = 'policy-report.json';

interface PolicyReport {
  readonly findings: readonly {
    ruleId: string;
    severity: string;
    status: string;
    resource: string | null;
    constructPath: string | null;
    message: string;
  }[];
}

function levelOf(severity: string): PolicyFinding['level'] {
  return severity === 'error' || severity === 'warning' ? severity : 'info';
}

/**
 * The open (unsuppressed) findings of these stacks: from the policy pack's report file when the
 * synth wrote one, otherwise from the annotations cdktf put into manifest.json, where a leading
 * rule ID such as "[WS-S3-1]" or "WS-S3-1:" is split off the message.
 */
export function policyFindings(outdir: string, stacks: readonly string[]): PolicyFinding[] {
  const manifestFile = path.join(outdir, 'manifest.json');
  const manifest = (fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : { stacks: {} }) as {
    stacks: Record<string, { annotations?: { constructPath: string; level: string; message: unknown }[] }>;
  };
  return stacks.flatMap((stack): PolicyFinding[] => {
    const reportFile = path.join(outdir, 'stacks', stack, POLICY_REPORT_FILE);
    if (fs.existsSync(reportFile)) {
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as PolicyReport;
      return report.findings
        .filter((finding) => finding.status === 'open')
        .map((finding) => ({
          stack,
          level: levelOf(finding.severity),
          ruleId: finding.ruleId,
          ...(finding.resource || finding.constructPath ? { resource: (finding.resource ?? finding.constructPath) as string } : {}),
          message: finding.message,
        }));
    }
    return (manifest.stacks[stack]?.annotations ?? []).map((annotation) => {
      const text = String(annotation.message);
      const match = /^\[?([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)\]?:?\s+(.*)$/s.exec(text);
      return {
        stack,
        level: LEVELS[annotation.level] ?? 'info',
        resource: annotation.constructPath,
        ...(match ? { ruleId: match[1], message: match[2] } : { message: text }),
      };
    });
  });
}
