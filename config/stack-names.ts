/** The stack name of the state bootstrap stack. */
export const STATE_STACK_NAME = 'state';

/** The stack name of the per-account baseline stack. */
export const ACCOUNT_STACK_NAME = 'account';

/** Stacks that exist once per project; an environment of the same name would collide with them. */
export const PROJECT_STACK_NAMES: readonly string[] = [STATE_STACK_NAME, ACCOUNT_STACK_NAME];
