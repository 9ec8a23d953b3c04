// Runs one partnership action, keeps its status for the card to show, and reloads the context on success.
import { useState } from 'react';
import type { PartnershipAction } from '../messaging/protocol';
import type { SidebarActions } from './state';

export function usePartnershipAction(actions: SidebarActions) {
  const [status, setStatus] = useState<{ busy: boolean; error: string }>({ busy: false, error: '' });
  const run = async (action: PartnershipAction) => {
    setStatus({ busy: true, error: '' });
    const result = await actions.partnership(action);
    setStatus({ busy: false, error: result.ok ? '' : result.message });
    if (result.ok) actions.retry();
    return result.ok;
  };
  return { ...status, run };
}
