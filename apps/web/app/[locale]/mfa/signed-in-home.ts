/** Where someone goes once fully signed in. */
export const SIGNED_IN_HOME = '/app';
