import { resolveGroupSizeWith, webServersSettingsProblems } from '../../../constructs/private/web-servers-settings';
import { WebServers } from '../../../constructs/web-servers';

/** The construct's defaults with a few replaced, as another set of defaults would be. */
const OTHER_DEFAULTS = Object.assign(Object.create(WebServers), {
  DEFAULT_MIN_SIZE: 1,
  DEFAULT_DESIRED_CAPACITY: 1,
  DEFAULT_MAX_SIZE: 3,
  DEFAULT_INSTANCE_TYPE: 'not-a-type',
}) as typeof WebServers;

describe('web server settings', () => {
  test('group sizes follow the defaults they are given: desired follows min, max follows desired', () => {
    expect(resolveGroupSizeWith({}, WebServers)).toEqual({ minSize: 2, desiredCapacity: 2, maxSize: 4 });
    expect(resolveGroupSizeWith({}, OTHER_DEFAULTS)).toEqual({ minSize: 1, desiredCapacity: 1, maxSize: 3 });
    expect(resolveGroupSizeWith({ minSize: 5 }, OTHER_DEFAULTS)).toEqual({ minSize: 5, desiredCapacity: 5, maxSize: 5 });
  });

  test('the checks apply the defaults they are given', () => {
    expect(webServersSettingsProblems({}, WebServers)).toEqual([]);
    expect(webServersSettingsProblems({}, OTHER_DEFAULTS).map((problem) => problem.field)).toEqual(['instanceType']);
    expect(webServersSettingsProblems({ instanceType: 't3.small', desiredCapacity: 4 }, OTHER_DEFAULTS)).toEqual([]);
  });
});
