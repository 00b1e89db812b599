export { renderText, shouldUseColor } from './text';
export { renderJson, PLAN_JSON_FORMAT_VERSION } from './json';
export { renderMarkdown, renderMarkdownErrors, DEFAULT_MAX_LENGTH } from './markdown';
export { summaryLine, NO_CHANGES, noChanges } from './fields';
