import { AppError } from '../../../shared/api/errors';
import { TEMPLATE_NAMES, templates } from '../../documents';
import { availableDocuments, renderAndStore } from '../../documents/case-documents';
import { roleOf } from '../../printing';
import type { CoreServices } from '../services';
import type { CaseHost } from '../../cases/case-host';
import type { Handlers } from '../dispatch';

type DocumentMethods =
  'documents.templates' | 'documents.render' | 'documents.available' | 'documents.print' | 'documents.reprint' | 'documents.printers';

type Deps = Pick<CoreServices, keyof CaseHost | 'blobs' | 'printing'>;

export function documentHandlers(ws: Deps): Pick<Handlers, DocumentMethods> {
  return {
    'documents.templates': () => TEMPLATE_NAMES.map((name) => ({ name, title: templates[name].title, printer: roleOf(name) })),
    'documents.render': (input, ctx) => renderAndStore(ws, input.template, input, ctx.user?.id ?? null),
    'documents.available': (input) => availableDocuments(ws, input),
    'documents.print': (input, ctx) =>
      ws.printing.print({ ...input, ...(input.caseId ? { caseId: input.caseId } : {}), reprint: false, actorId: ctx.user?.id ?? null }),
    'documents.reprint': (input, ctx) => {
      // Issue 11: a reprint is journaled with why it was needed.
      if (!input.reason)
        throw new AppError('VALIDATION', '补打须填写原因（如：原件遗失、打印不清），请填写后再补打', [
          { path: 'reason', message: '请填写补打原因' },
        ]);
      return ws.printing.print({
        ...input,
        ...(input.caseId ? { caseId: input.caseId } : {}),
        reprint: true,
        actorId: ctx.user?.id ?? null,
      });
    },
    'documents.printers': () => ws.printing.printers(),
  };
}
