import { AppError } from '../../../shared/api/errors';
import type { CoreServices } from '../services';
import type { Handlers } from '../dispatch';

type Deps = Pick<CoreServices, 'idcard'>;

export function idcardHandlers(ws: Deps): Pick<Handlers, 'idcard.trainingCards' | 'idcard.place' | 'idcard.lift' | 'idcard.lastCard'> {
  return {
    'idcard.trainingCards': () => {
      try {
        const t = ws.idcard.training();
        return {
          available: true,
          placed: t.placedCardId(),
          cards: t.listTrainingCards().map((c) => ({ id: c.id, label: c.label, cardType: c.cardType })),
        };
      } catch {
        return { available: false, placed: null, cards: [] };
      }
    },
    'idcard.place': ({ cardId }) => {
      const t = ws.idcard.training();
      if (!t.listTrainingCards().some((c) => c.id === cardId)) throw new AppError('NOT_FOUND', `没有编号为 ${cardId} 的培训样卡`);
      t.place(cardId);
      return { ok: true as const };
    },
    'idcard.lift': () => {
      ws.idcard.training().lift();
      return { ok: true as const };
    },
    'idcard.lastCard': () => ws.idcard.lastCard(),
  };
}
