// @ts-check
'use strict';

/**
 * Tags every EC2 instance started by RunInstances with `Owner` = whoever made the call, as
 * recorded by CloudTrail. EventBridge delivers the CloudTrail record as the event's `detail`.
 */

/**
 * @typedef {object} UserIdentity
 * @property {string} type IAMUser, AssumedRole, Root, FederatedUser, AWSService, ...
 * @property {string} [arn]
 * @property {string} [userName]
 * @property {string} [principalId]
 * @property {{ sessionIssuer?: { userName?: string; arn?: string } }} [sessionContext]
 */

/**
 * @typedef {object} RunInstancesEvent
 * @property {string} [detail-type]
 * @property {{
 *   eventName?: string;
 *   errorCode?: string;
 *   userIdentity?: UserIdentity;
 *   responseElements?: { instancesSet?: { items?: { instanceId?: string }[] } } | null;
 * }} detail
 */

/**
 * The part of the EC2 API the handler uses; tests pass a stub.
 *
 * @typedef {object} Ec2Tagger
 * @property {(input: { Resources: string[]; Tags: { Key: string; Value: string }[] }) => Promise<unknown>} createTags
 */

/** EC2 tag values are at most 256 characters. */
const MAX_TAG_VALUE = 256;

/**
 * Who made the call, as a tag value. For assumed roles the session name is kept next to the
 * role name, because with SSO and shared roles the role alone does not say which person it was.
 *
 * @param {UserIdentity | undefined} identity
 * @returns {string}
 */
function ownerOf(identity) {
  if (!identity) return 'unknown';
  switch (identity.type) {
    case 'Root':
      return 'root';
    case 'IAMUser':
      return identity.userName || identity.arn || 'unknown';
    case 'AssumedRole': {
      const role = identity.sessionContext?.sessionIssuer?.userName;
      const session = identity.arn ? identity.arn.split('/').pop() : undefined;
      if (role && session) return `${role}/${session}`;
      return identity.arn || identity.sessionContext?.sessionIssuer?.arn || 'unknown';
    }
    default:
      return identity.arn || identity.principalId || identity.type || 'unknown';
  }
}

/**
 * @param {RunInstancesEvent} event
 * @returns {string[]}
 */
function instanceIdsOf(event) {
  const items = event.detail?.responseElements?.instancesSet?.items ?? [];
  return items.map((item) => item.instanceId).filter(/** @returns {id is string} */ (id) => typeof id === 'string' && id !== '');
}

/**
 * Builds a handler around an EC2 client factory, called only when there is something to tag.
 *
 * @param {() => Ec2Tagger} getEc2
 */
function createHandler(getEc2) {
  /**
   * @param {RunInstancesEvent} event
   * @returns {Promise<{ owner: string; instanceIds: string[] }>}
   */
  return async function handler(event) {
    const owner = ownerOf(event.detail?.userIdentity).slice(0, MAX_TAG_VALUE);
    // A failed RunInstances call (errorCode set) has no responseElements and started nothing.
    const instanceIds = instanceIdsOf(event);
    if (instanceIds.length === 0) {
      console.log(
        JSON.stringify({ message: 'no instances to tag', eventName: event.detail?.eventName, errorCode: event.detail?.errorCode }),
      );
      return { owner, instanceIds };
    }
    // Errors propagate so Lambda retries the asynchronous invocation.
    await getEc2().createTags({ Resources: instanceIds, Tags: [{ Key: 'Owner', Value: owner }] });
    console.log(JSON.stringify({ message: 'tagged', owner, instanceIds }));
    return { owner, instanceIds };
  };
}

/** @type {Ec2Tagger | undefined} */
let sdkTagger;

/**
 * The AWS SDK v3 that the Lambda Node.js runtime ships, loaded on first use so the package
 * needs no dependencies and the handler loads in tests without it.
 *
 * @returns {Ec2Tagger}
 */
function sdkEc2() {
  if (!sdkTagger) {
    const { EC2Client, CreateTagsCommand } = require('@aws-sdk/client-ec2');
    const client = new EC2Client({});
    sdkTagger = { createTags: (input) => client.send(new CreateTagsCommand(input)) };
  }
  return sdkTagger;
}

exports.ownerOf = ownerOf;
exports.instanceIdsOf = instanceIdsOf;
exports.createHandler = createHandler;
exports.handler = createHandler(sdkEc2);
