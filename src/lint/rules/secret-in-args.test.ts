import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './secret-in-args.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ containers: [container({ args: ['redis-server', '--requirepass', '$(REDIS_PASSWORD)'] })] })),
    docs(deployment({ containers: [container({ command: ['mysqladmin', 'ping', '-h', 'localhost'] })] })),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ args: ['redis-server', '--requirepass', 'hunter2'] })] })),
      messages: ['container "app" has a credential in its args: the flag --requirepass'],
    },
    {
      yaml: docs(
        deployment({ containers: [container({ command: ['sh', '-c', 'mysql -uroot -phunter2 -e "select 1"'] })] }),
      ),
      messages: ['container "app" has a credential in its command: the flag -p (a password glued to it)'],
    },
    {
      yaml: docs(deployment({ containers: [container({ args: ['--db=postgres://app:s3cret@db/app'] })] })),
      messages: ['container "app" has a credential in its args: a URL with a password'],
    },
  ],
});
