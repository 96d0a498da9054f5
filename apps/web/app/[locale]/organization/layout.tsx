import type { ReactNode } from 'react';
import { OrganizationNav } from './organization-nav';

export default function OrganizationLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <OrganizationNav />
      {children}
    </>
  );
}
