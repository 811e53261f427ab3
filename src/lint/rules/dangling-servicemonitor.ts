import { sameNamespace } from '../context.js';
import type { LintRule } from '../types.js';
import { arr, get, isEmptySelector, selects, str, strMap } from '../workloads.js';

const rule: LintRule = {
  id: 'dangling-servicemonitor',
  severity: 'warning',
  covers: ['kube-linter:dangling-servicemonitor'],
  description: 'A Prometheus ServiceMonitor selects no Service of the input: nothing is scraped.',
  hint: 'Make spec.selector (and spec.namespaceSelector) match the labels of the Service to scrape.',
  check: (ctx) =>
    ctx.of('ServiceMonitor').flatMap((m) => {
      const selector = get(m.object, ['spec', 'selector']);
      const names = arr(get(m.object, ['spec', 'namespaceSelector', 'matchNames'])).map(String);
      const any = get(m.object, ['spec', 'namespaceSelector', 'any']) === true;
      const found = ctx.of('Service').some((s) => {
        const ns = s.object.metadata.namespace;
        const inNs = any || (names.length ? ns === undefined || names.includes(ns) : sameNamespace(s.object, m.object));
        return inNs && (isEmptySelector(selector) || selects(selector, strMap(s.object.metadata.labels)));
      });
      return found
        ? []
        : [
            {
              at: m,
              path: ['spec', 'selector'],
              message: `ServiceMonitor ${str(m.object.metadata.name) ?? ''} selects no Service`,
            },
          ];
    }),
};
export default rule;
