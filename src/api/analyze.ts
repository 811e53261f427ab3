/** The infrastructure analysis report: Markdown, JSON and HTML. Part of the public API, re-exported by the index. */
export {
  buildAnalysis,
  convertedByService,
  renderMarkdown,
  renderHtml,
  type Analysis,
  type ServiceReport,
  type Decision,
} from '../report/index.js';
