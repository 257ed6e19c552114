import * as fs from 'fs';
import * as path from 'path';
import { BootNamespace, waitFor } from './namespace';
import { ServerCertificate } from './certificates';

const SERVER = path.join(__dirname, '..', 'stand-ins', 'aws-edges.js');

/** A secret as the Secrets Manager stand-in stores it: every value ever put, newest last. */
export interface StoredSecret {
  readonly name: string;
  readonly versions: string[];
}

/** An Auto Scaling group as the stand-in knows it: its launch hooks and the instances waiting in them. */
export interface StoredGroup {
  readonly arn: string;
  readonly hooks: string[];
  /** Instances launched and held in the launch hook until they answer. */
  waiting: string[];
  /** CompleteLifecycleAction calls accepted, in order. */
  readonly answers: { instanceId: string; hook: string; result: string }[];
}

/** An IAM policy statement, as the synthesized stack writes it. */
export type PolicyStatement = Record<string, unknown>;

export interface SecretsState {
  readonly secrets: Record<string, StoredSecret>;
  /** Every statement of the instance role's inline policies; iam-policy.js decides with them. */
  readonly policies: PolicyStatement[];
  readonly autoScaling: { readonly groups: Record<string, StoredGroup> };
}

export interface EdgeCall {
  readonly service: 'secretsmanager' | 'https' | 'autoscaling' | 'iam' | 's3';
  /** For s3: "bucket/key". */
  readonly object?: string;
  readonly operation?: string;
  readonly secretId?: string;
  readonly instance?: string;
  readonly host?: string;
  readonly path?: string;
  /** For iam: the action and resource refused, and why. */
  readonly action?: string;
  readonly resource?: string;
  readonly reason?: string;
  readonly InstanceId?: string;
  /** When the stand-in received it (ms since the epoch). */
  readonly at?: number;
  readonly LifecycleActionResult?: string;
}

/** The AWS and internet edges (aws-edges.js) running inside the namespace, and their state. */
export class Edges {
  private constructor(
    private readonly stateFile: string,
    private readonly callLog: string,
  ) {}

  static async start(
    namespace: BootNamespace,
    dir: string,
    options: {
      region: string;
      addresses: { secretsManager: string; autoScaling: string; s3: string; files: string };
      tls: ServerCertificate;
      files: Record<string, string>;
      /** S3 objects as "bucket/key" to the local file served. */
      s3Objects: Record<string, string>;
      state: SecretsState;
    },
  ): Promise<Edges> {
    const stateFile = path.join(dir, 'secrets.json');
    const callLog = path.join(dir, 'calls.jsonl');
    fs.writeFileSync(stateFile, JSON.stringify(options.state, null, 2));
    fs.writeFileSync(callLog, '');
    const settingsFile = path.join(dir, 'edges.json');
    fs.writeFileSync(settingsFile, JSON.stringify({ ...options, state: undefined, stateFile, callLog }));
    const server = namespace.spawn([process.execPath, SERVER, settingsFile]);
    let output = '';
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor('the AWS edge stand-ins', () => {
      if (server.exitCode !== null) {
        throw new Error(`aws-edges.js exited with ${server.exitCode}:\n${output}`);
      }
      return output.includes('ready');
    });
    return new Edges(stateFile, callLog);
  }

  state(): SecretsState {
    return JSON.parse(fs.readFileSync(this.stateFile, 'utf8'));
  }

  /** Stores a new value, as RDS does when it rotates its managed secret. */
  putSecretValue(arn: string, value: string): void {
    const state = this.state();
    state.secrets[arn].versions.push(value);
    fs.writeFileSync(this.stateFile, JSON.stringify(state, null, 2));
  }

  /** Holds `instanceId` in the group's launch hook, as Auto Scaling does when it launches one. */
  launch(groupName: string, instanceId: string): void {
    const state = this.state();
    state.autoScaling.groups[groupName].waiting.push(instanceId);
    fs.writeFileSync(this.stateFile, JSON.stringify(state, null, 2));
  }

  calls(): EdgeCall[] {
    return fs
      .readFileSync(this.callLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  }
}
