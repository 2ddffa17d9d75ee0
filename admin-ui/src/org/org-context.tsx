import { createContext, useContext } from 'react';
import type { Org, OrgPlugin, OrgRole } from '../api/types';
import type { Resource } from '../api/use-api';

/** The organization being viewed, the viewer's role in it and its plugin states. */
export interface OrgContextValue {
  org: Org;
  role: OrgRole;
  plugins: Resource<{ items: OrgPlugin[] }>;
  setOrg: (org: Org) => void;
}

export const OrgContext = createContext<OrgContextValue | null>(null);

/** The current org; only under the org layout. */
export function useOrg(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error('useOrg outside an org page');
  return value;
}
