// The checks the constructs run on their props, public for configuration loaders (this
// repository's config/ among them) that want the same answer, in the same words, before any
// construct is built. Each returns the problems instead of throwing, so a loader can report them
// at its own field paths. The checks specific to one construct sit next to it
// (`findDatabaseProblems`, `findWebServersProblems`, `findInstanceTypeProblem`).
export type { FieldProblem } from './private/problems';
export { findBucketNameProblem } from './private/bucket-name';
export { describeCidrProblem } from './private/cidr';
export { findWebsiteDomainProblem } from './private/domain-name';
export { findLifecycleRuleProblems } from './private/lifecycle-validation';
export { findLogRetentionProblem, LOG_RETENTION_DAYS } from './private/log-retention';
export { findNetworkLayoutProblems } from './private/network-layout';
export type { InputProblem, NetworkLayout } from './private/network-layout';
export { findScheduleProblem } from './private/schedule-expression';
