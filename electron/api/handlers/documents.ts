import { TEMPLATE_NAMES, templates } from '../../documents';
import { availableDocuments, renderAndStore } from '../../documents/case-documents';
import { printRunnerFor, roleOf } from '../../printing';
import type { Workstation } from '../../workstation';
import type { Handlers } from '../dispatch';

type DocumentMethods = 'documents.templates' | 'documents.render' | 'documents.available' | 'documents.print' | 'documents.reprint' | 'documents.printers';

export function documentHandlers(ws: Workstation): Pick<Handlers, DocumentMethods> {
  return {
    'documents.templates': () => TEMPLATE_NAMES.map((name) => ({ name, title: templates[name].title, printer: roleOf(name) })),
    'documents.render': (input, ctx) => renderAndStore(ws, input.template, input, ctx.user?.id ?? null),
    'documents.available': (input) => availableDocuments(ws, input),
    'documents.print': (input, ctx) =>
      printRunnerFor(ws).print({ ...input, ...(input.caseId ? { caseId: input.caseId } : {}), reprint: false, actorId: ctx.user?.id ?? null }),
    'documents.reprint': (input, ctx) =>
      printRunnerFor(ws).print({ ...input, ...(input.caseId ? { caseId: input.caseId } : {}), reprint: true, actorId: ctx.user?.id ?? null }),
    'documents.printers': () => printRunnerFor(ws).printers(),
  };
}
