export {
  renderDocument,
  sampleData,
  templates,
  TEMPLATE_NAMES,
  isTemplateName,
  type TemplateName,
  type DocumentTemplate,
} from './registry';
export * from './types';
