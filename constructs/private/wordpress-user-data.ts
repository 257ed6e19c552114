import { Token } from 'cdktf';
import { WebStackError } from '../errors';
import { readTemplate, renderTemplate, renderTemplateBase64ForTerraform } from './render-template';

/** The template file in `templates/`. */
export const WORDPRESS_USER_DATA_TEMPLATE = 'wordpress-user-data.sh';

/** "latest", or a release such as "6.8" or "6.8.3". */
export const WORDPRESS_VERSION_PATTERN = /^(latest|\d+\.\d+(\.\d+)?)$/;

/** What the boot script needs to know; none of it is secret. */
export interface WordPressUserDataValues {
  /** EFS file system mounted at wp-content. */
  readonly fileSystemId: string;
  /** Database host name, without the port. */
  readonly dbHost: string;
  /** Name of the WordPress database. */
  readonly dbName: string;
  /** ARN of the Secrets Manager secret holding the database user and password. */
  readonly dbSecretArn: string;
  /** WordPress release to download. */
  readonly wordpressVersion: string;
}

function checkVersion(values: WordPressUserDataValues): void {
  if (!Token.isUnresolved(values.wordpressVersion) && !WORDPRESS_VERSION_PATTERN.test(values.wordpressVersion)) {
    throw new WebStackError(
      `wordpressVersion ${JSON.stringify(values.wordpressVersion)} is not a WordPress release; use "latest" or a version such as "6.8.3"`,
    );
  }
}

function asRecord(values: WordPressUserDataValues): Record<string, string> {
  return { ...values };
}

/** The boot script as text, for plain values (tests, previews). */
export function renderWordPressUserData(values: WordPressUserDataValues): string {
  checkVersion(values);
  return renderTemplate(readTemplate(WORDPRESS_USER_DATA_TEMPLATE), asRecord(values), WORDPRESS_USER_DATA_TEMPLATE);
}

/** The boot script base64-encoded by Terraform, for a launch template's `user_data`. */
export function wordPressUserDataBase64(values: WordPressUserDataValues): string {
  checkVersion(values);
  return renderTemplateBase64ForTerraform(readTemplate(WORDPRESS_USER_DATA_TEMPLATE), asRecord(values), WORDPRESS_USER_DATA_TEMPLATE);
}
