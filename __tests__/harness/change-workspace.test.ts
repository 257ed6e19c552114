import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dropPreventDestroy, prepareChangeWorkspace } from '../../harness/change-workspace';
import { OFFLINE_OVERRIDE_FILE } from '../../harness/offline-plan';

describe('the change check workspace', () => {
  test('drops prevent_destroy, keeps the rest of lifecycle, and names the guarded resources', () => {
    const stack = {
      resource: {
        aws_s3_bucket: {
          state: { bucket: 's', lifecycle: { prevent_destroy: true } },
          logs: { lifecycle: { prevent_destroy: false, ignore_changes: ['tags'] } },
        },
        aws_db_instance: { db: { lifecycle: { create_before_destroy: true } } },
      },
    };
    expect(dropPreventDestroy(stack)).toEqual(['aws_s3_bucket.state']);
    expect(stack.resource.aws_s3_bucket.state).toEqual({ bucket: 's' });
    expect(stack.resource.aws_s3_bucket.logs).toEqual({ lifecycle: { ignore_changes: ['tags'] } });
    expect(stack.resource.aws_db_instance.db).toEqual({ lifecycle: { create_before_destroy: true } });
  });

  test('copies the stack with the offline override, sending EC2 calls to the given endpoint', () => {
    const stackDir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-ws-stack-'));
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-ws-'));
    fs.writeFileSync(
      path.join(stackDir, 'cdk.tf.json'),
      JSON.stringify({
        provider: { aws: [{ region: 'eu-west-1' }] },
        resource: { aws_vpc: { v: { lifecycle: { prevent_destroy: true } } } },
      }),
    );
    const prepared = prepareChangeWorkspace(stackDir, workDir, 'http://127.0.0.1:9');
    expect(prepared.preventDestroy).toEqual(['aws_vpc.v']);
    expect(JSON.parse(fs.readFileSync(path.join(workDir, 'cdk.tf.json'), 'utf8')).resource.aws_vpc.v).toEqual({});
    const override = JSON.parse(fs.readFileSync(path.join(workDir, OFFLINE_OVERRIDE_FILE), 'utf8'));
    expect(override.provider.aws[0]).toMatchObject({ endpoints: [{ ec2: 'http://127.0.0.1:9' }], skip_credentials_validation: true });
    expect(JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).resource.aws_vpc.v.lifecycle).toEqual({
      prevent_destroy: true,
    });
    fs.rmSync(stackDir, { recursive: true, force: true });
    fs.rmSync(workDir, { recursive: true, force: true });
  });
});
