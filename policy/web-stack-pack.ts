import { applyReadinessRules } from './apply-readiness-rules';
import { dataProtectionRules } from './data-protection-rules';
import { identityAndLoggingRules } from './identity-and-logging-rules';
import { networkExposureRules } from './network-exposure-rules';
import { PolicyPack } from './pack';
import { PackRule } from './pack-rule';
import { replacementAndTaggingRules } from './replacement-and-tagging-rules';

// Each group is its own file, so each list stays readable and a rule is added next to its kin.
/**
 * The project's rules. IDs are stable: a rule that is dropped leaves its ID unused, and a new
 * rule takes the next free number of its service. Grouped by what the rules protect (data, the
 * network's exposure, identity and logging), then replacement, tagging and apply-readiness rules:
 * the order they are checked and documented in.
 */
export const webStackRules: readonly PackRule[] = [
  ...dataProtectionRules,
  ...networkExposureRules,
  ...identityAndLoggingRules,
  ...replacementAndTaggingRules,
  ...applyReadinessRules,
];

/** The default pack: every rule of `webStackRules`. */
export const webStackRulePack = new PolicyPack(webStackRules);
