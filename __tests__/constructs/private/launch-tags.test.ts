import { LAUNCH_TAGGED_RESOURCE_TYPES, launchTagSpecifications } from '../../../constructs/private/launch-tags';

describe('launchTagSpecifications', () => {
  test('tags the instance, its volumes and its network interfaces alike', () => {
    const specs = launchTagSpecifications({ Project: 'shop', Name: 'shop-web' });
    expect(specs.map((spec) => spec.resourceType)).toEqual(['instance', 'volume', 'network-interface']);
    expect(LAUNCH_TAGGED_RESOURCE_TYPES).toEqual(['instance', 'volume', 'network-interface']);
    for (const spec of specs) expect(spec.tags).toEqual({ Project: 'shop', Name: 'shop-web' });
  });

  test('each specification has its own copy of the tags', () => {
    const [first, second] = launchTagSpecifications({ Project: 'shop' });
    expect(first.tags).not.toBe(second.tags);
  });
});
