import { readSynthesizedApp } from '../../../harness/synth';
import { environmentStacks } from '../../../scripts/plan/environment-stacks';
import { fakeOutdir } from './support';

const s3 = (key: string) => ({ terraform: { backend: { s3: { bucket: 'b', key } } } });

describe('environment stacks', () => {
  test('picks the stacks whose state lives under the environment, or named after it, and not the state stack', () => {
    const outdir = fakeOutdir({
      state: {},
      dev: s3('environments/dev/main.tfstate'),
      'dev-website': {},
      'edge-dev': s3('environments/dev/edge.tfstate'),
      development: s3('environments/development/main.tfstate'),
    });
    expect(environmentStacks(readSynthesizedApp(outdir), 'dev')).toEqual(['dev', 'dev-website', 'edge-dev']);
  });

  test('stack directories left by an earlier synth are ignored', () => {
    const outdir = fakeOutdir({ dev: s3('environments/dev/main.tfstate'), 'dev-old': {} }, { dev: {} });
    expect(environmentStacks(readSynthesizedApp(outdir), 'dev')).toEqual(['dev']);
  });
});
