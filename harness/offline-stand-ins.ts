/**
 * Stand-ins for data sources that call AWS even with the provider's skip flags. An override
 * file cannot remove a block or change its type, and `count = 0` would break every reference
 * (`data.x.name` becomes `data.x[0].name`), so the harness rewrites its own working copy of
 * the stack: the data source is dropped and its references read a local value instead.
 */

/** Data sources the harness replaces, with the attribute values their stand-ins give. */
export const OFFLINE_DATA_STAND_INS: Readonly<Record<string, (config: Record<string, any>) => Record<string, string>>> = {
  // The lookup returns one platform name matching name_regex; the stand-in says what it stands for.
  aws_elastic_beanstalk_solution_stack: (config) => ({ name: `offline stand-in for ${String(config.name_regex)}` }),
};

/** The local that holds a replaced data source's attribute. */
export function standInLocal(type: string, name: string, attribute: string): string {
  return `offline_${type}_${name}_${attribute}`;
}

/**
 * Returns a copy of a stack's Terraform JSON with every data source of `OFFLINE_DATA_STAND_INS`
 * replaced by locals, and the names of the replaced data sources (`data.<type>.<name>`).
 */
export function replaceOnlineDataSources(stack: Record<string, any>): { stack: Record<string, any>; replaced: string[] } {
  const replaced: string[] = [];
  const locals: Record<string, string> = {};
  const data = { ...(stack.data ?? {}) } as Record<string, Record<string, any>>;
  for (const [type, standIn] of Object.entries(OFFLINE_DATA_STAND_INS)) {
    for (const [name, config] of Object.entries(data[type] ?? {})) {
      for (const [attribute, value] of Object.entries(standIn(config))) locals[standInLocal(type, name, attribute)] = value;
      replaced.push(`data.${type}.${name}`);
    }
    delete data[type];
  }
  if (replaced.length === 0) return { stack, replaced };
  let text = JSON.stringify({ ...stack, data });
  for (const address of replaced) {
    const [, type, name] = address.split('.');
    const pattern = new RegExp(`data\\.${type}\\.${name.replace(/[-]/g, '\\-')}\\.([a-z_]+)`, 'g');
    text = text.replace(pattern, (_match, attribute: string) => `local.${standInLocal(type, name, attribute)}`);
  }
  const rewritten = JSON.parse(text) as Record<string, any>;
  if (Object.keys(rewritten.data).length === 0) delete rewritten.data;
  rewritten.locals = { ...(rewritten.locals ?? {}), ...locals };
  return { stack: rewritten, replaced };
}
