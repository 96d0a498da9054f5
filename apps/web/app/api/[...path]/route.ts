import { forwardToApi } from './forward';

// Every request goes to the API as it comes: nothing here may be cached or rendered ahead of time.
export const dynamic = 'force-dynamic';

export {
  forwardToApi as GET,
  forwardToApi as HEAD,
  forwardToApi as POST,
  forwardToApi as PUT,
  forwardToApi as PATCH,
  forwardToApi as DELETE,
  forwardToApi as OPTIONS,
};
