// Which synthesized stacks make up one environment. The plan script and the benchmark's
// terraform floor both plan exactly these, so their timings compare like with like.
import * as fs from 'fs';
import * as path from 'path';
import { SynthesizedApp } from '../../harness/synth';

/**
 * The stacks of one environment: those keeping their state under environments/<env>/ in the
 * state bucket, or named <env> or <env>-<part>. The project-level state stack is left out.
 */
export function environmentStacks(app: SynthesizedApp, environment: string): string[] {
  // The manifest names this synth's stacks; directories of earlier synths may linger.
  const manifestFile = path.join(app.outdir, 'manifest.json');
  const current = fs.existsSync(manifestFile) ? Object.keys(JSON.parse(fs.readFileSync(manifestFile, 'utf8')).stacks ?? {}) : app.stacks;
  return app.stacks.filter((stack) => {
    if (!current.includes(stack)) return false;
    const key = app.stackJson(stack).terraform?.backend?.s3?.key;
    return (
      (typeof key === 'string' && key.startsWith(`environments/${environment}/`)) ||
      stack === environment ||
      stack.startsWith(`${environment}-`)
    );
  });
}
