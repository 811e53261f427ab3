export { buildAnalysis, type Analysis, type ServiceReport, type Decision } from './analysis.js';
export { renderMarkdown } from './markdown.js';
export { renderHtml } from './html.js';
export { convertedByService } from './mapping.js';
