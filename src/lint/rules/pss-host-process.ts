import { pssControl } from '../rule-kit.js';
import { securityContexts } from '../pss.js';
import { get } from '../workloads.js';

export default pssControl(
  {
    id: 'pss-host-process',
    level: 'baseline',
    covers: ['pss:baseline/host-process'],
    description: 'Pod Security baseline, HostProcess: Windows pods may not run as host processes.',
    hint: 'Remove securityContext.windowsOptions.hostProcess.',
  },
  (w) =>
    securityContexts(w)
      .filter((s) => get(s.sc, ['windowsOptions', 'hostProcess']) === true)
      .map((s) => ({
        path: [...s.path, 'windowsOptions', 'hostProcess'],
        message: `${s.owner} sets windowsOptions.hostProcess`,
      })),
);
