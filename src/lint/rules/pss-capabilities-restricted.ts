import { pssControl } from '../rule-kit.js';
import { capsOf, containerContexts } from '../pss.js';

export default pssControl(
  {
    id: 'pss-capabilities-restricted',
    level: 'restricted',
    covers: ['pss:restricted/capabilities'],
    description: 'Pod Security restricted, Capabilities: every container drops ALL and adds at most NET_BIND_SERVICE.',
    hint: 'Set capabilities.drop: [ALL] (and add: [NET_BIND_SERVICE] only if it binds a low port).',
  },
  (w) =>
    containerContexts(w).flatMap((s) => {
      const hits = [];
      if (!capsOf(s.sc, 'drop').includes('ALL'))
        hits.push({ path: s.path, message: `${s.owner} does not drop ALL capabilities` });
      const extra = capsOf(s.sc, 'add').filter((c) => c !== 'NET_BIND_SERVICE');
      if (extra.length)
        hits.push({ path: [...s.path, 'capabilities', 'add'], message: `${s.owner} adds ${extra.join(', ')}` });
      return hits;
    }),
);
