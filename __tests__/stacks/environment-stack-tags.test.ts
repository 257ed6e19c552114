import { config } from '../../config/environments';
import { loadConfig } from '../../config/load';
import { ConfigInput } from '../../config/schema';
import { synthesizeProject } from '../support/project';

const LAUNCHED = ['instance', 'volume', 'network-interface'];

/** The project's configuration with an extra tag in every environment, so extras are checked too. */
function withExtraTags(): ConfigInput {
  const environments = Object.fromEntries(
    Object.entries(config.environments).map(([name, env]) => [name, { ...env, tags: { ...env.tags, CostCenter: `web-${name}` } }]),
  );
  return { ...config, environments };
}

describe('tags on launched resources, across the synthesized environments', () => {
  const loaded = loadConfig(withExtraTags());
  const app = synthesizeProject(loaded);
  const environments = Object.keys(loaded.environments);

  test.each(environments)("%s: every launch template tags instance, volume and network interface with the provider's tags", (env) => {
    const json = app.stackJson(env);
    const providerTags: Record<string, string> = json.provider.aws[0].default_tags[0].tags;
    expect(providerTags).toMatchObject({ Project: loaded.project.name, Environment: env, CostCenter: `web-${env}` });
    const templates = Object.entries<Record<string, any>>(json.resource.aws_launch_template);
    // The web servers and, where enabled, the bastion.
    expect(templates.length).toBe(loaded.environments[env].bastion.enabled ? 2 : 1);
    for (const [name, template] of templates) {
      const specs: Array<{ resource_type: string; tags: Record<string, string> }> = template.tag_specifications;
      expect([name, specs.map((spec) => spec.resource_type).sort()]).toEqual([name, [...LAUNCHED].sort()]);
      for (const spec of specs) {
        expect({ name, type: spec.resource_type, tags: spec.tags }).toEqual({
          name,
          type: spec.resource_type,
          tags: expect.objectContaining(providerTags),
        });
      }
    }
  });

  test.each(environments)('%s: the Auto Scaling group carries and propagates the same tags', (env) => {
    const json = app.stackJson(env);
    const providerTags: Record<string, string> = json.provider.aws[0].default_tags[0].tags;
    const groups = Object.values<Record<string, any>>(json.resource.aws_autoscaling_group);
    expect(groups).toHaveLength(1);
    const propagated = Object.fromEntries(
      (groups[0].tag as Array<{ key: string; value: string; propagate_at_launch: boolean }>)
        .filter((tag) => tag.propagate_at_launch)
        .map((tag) => [tag.key, tag.value]),
    );
    expect(propagated).toMatchObject(providerTags);
  });
});
