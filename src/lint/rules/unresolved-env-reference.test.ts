import { configMap, container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './unresolved-env-reference.js';

const withEnv = (args: string[], extra = {}) =>
  deployment({ containers: [container({ args, env: [{ name: 'REDIS_PASSWORD', value: 'x' }], ...extra })] });

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(withEnv(['--requirepass', '$(REDIS_PASSWORD)'])),
    docs(withEnv(['echo', '$$(NOT_A_REFERENCE)'])),
    docs(
      withEnv(['--user', '$(APP_USER)'], { envFrom: [{ configMapRef: { name: 'app-env' } }] }),
      configMap({ name: 'app-env' }, { APP_USER: 'app' }),
    ),
    // The ConfigMap is made elsewhere: its keys are not known here.
    docs(withEnv(['--user', '$(APP_USER)'], { envFrom: [{ configMapRef: { name: 'made-elsewhere' } }] })),
  ],
  invalid: [
    {
      yaml: docs(withEnv(['--requirepass', '$(REDIS_PASS)'])),
      messages: [
        'the arguments of container "app" refer to $(REDIS_PASS), which its environment does not set: Kubernetes passes the text as written',
      ],
    },
    {
      yaml: docs(
        withEnv(['--user', '$(APP_USER)'], { envFrom: [{ configMapRef: { name: 'app-env' }, prefix: 'X_' }] }),
        configMap({ name: 'app-env' }, { APP_USER: 'app' }),
      ),
      messages: [
        'the arguments of container "app" refer to $(APP_USER), which its environment does not set: Kubernetes passes the text as written',
      ],
    },
  ],
});
