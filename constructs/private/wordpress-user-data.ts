import { Fn, Token } from 'cdktf';
import { readTemplate, renderTemplate, renderTemplateBase64ForTerraform } from './render-template';

/** The template file in `templates/`. */
export const WORDPRESS_USER_DATA_TEMPLATE = 'wordpress-user-data.sh';

/** EC2 refuses user data larger than this, before base64 encoding. */
export const USER_DATA_LIMIT_BYTES = 16384;

/** What the boot script needs to know; none of it is secret. The construct validates it. */
export interface WordPressUserDataValues {
  /** EFS file system mounted at wp-content. */
  readonly fileSystemId: string;
  /** Database host name, without the port; also the name its TLS certificate must carry. */
  readonly dbHost: string;
  /** Name of the WordPress database. */
  readonly dbName: string;
  /** ARN of the secret holding WordPress's database user and password (written by the setup function). */
  readonly dbAppSecretArn: string;
  /** ARN of the value-less secret that receives the administrator's user name and password. */
  readonly adminSecretArn: string;
  /** WordPress release to download. */
  readonly wordpressVersion: string;
  /** SHA-1 the release archive must have. */
  readonly wordpressSha1: string;
  /** The site's address, WP_HOME and WP_SITEURL. */
  readonly siteUrl: string;
  /** The site title, any text; rendered base64-encoded so it needs no quoting. */
  readonly siteTitle: string;
  readonly adminUser: string;
  readonly adminEmail: string;
  /** Bucket the instance fetches the RDS CA bundle from (through the S3 gateway endpoint). */
  readonly caBundleBucket: string;
  /** The bundle's object key. */
  readonly caBundleKey: string;
  /** SHA-256 the bundle must have. */
  readonly caBundleSha256: string;
  /** Name of the instance's Auto Scaling group, a plain string (a reference would close a cycle). */
  readonly autoScalingGroupName: string;
  /** The group's launch lifecycle hook, which the boot answers as its last step. */
  readonly launchHookName: string;
  /** Serve xmlrpc.php; Apache refuses it otherwise. */
  readonly enableXmlRpc: boolean;
}

function asRecord(values: WordPressUserDataValues): Record<string, string> {
  const { siteTitle, enableXmlRpc, ...rest } = values;
  const siteTitleBase64 = Token.isUnresolved(siteTitle) ? Fn.base64encode(siteTitle) : Buffer.from(siteTitle, 'utf8').toString('base64');
  return { ...rest, siteTitleBase64, enableXmlRpc: String(enableXmlRpc) };
}

/** The boot script as text, for plain values (tests, previews). */
export function renderWordPressUserData(values: WordPressUserDataValues): string {
  return renderTemplate(readTemplate(WORDPRESS_USER_DATA_TEMPLATE), asRecord(values), WORDPRESS_USER_DATA_TEMPLATE);
}

/**
 * The boot script gzip-compressed and base64-encoded by Terraform, for a launch template's
 * `user_data`: cloud-init decompresses it, and EC2's 16 KB limit counts the compressed bytes
 * (about a third of the script).
 */
export function wordPressUserDataBase64(values: WordPressUserDataValues): string {
  return renderTemplateBase64ForTerraform(readTemplate(WORDPRESS_USER_DATA_TEMPLATE), asRecord(values), WORDPRESS_USER_DATA_TEMPLATE, {
    gzip: true,
  });
}
