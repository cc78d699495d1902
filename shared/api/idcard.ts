import { z } from 'zod';
import { cardTypeSchema, idCardSchema } from '../domain/idcard/card';
import { Empty, Ok, method } from './contract-kit';

export const TrainingCardView = z.object({ id: z.string(), label: z.string(), cardType: cardTypeSchema });

export const idcardMethods = {
  'idcard.trainingCards': method({
    input: Empty,
    output: z.object({ available: z.boolean(), placed: z.string().nullable(), cards: z.array(TrainingCardView) }),
    access: 'user',
    summary: 'training mode: the synthetic cards the trainer can place on the simulated reader',
  }),
  'idcard.place': method({
    input: z.object({ cardId: z.string().min(1).max(64) }).strict(),
    output: Ok,
    access: 'user',
    summary: 'training mode: place a card on the simulated reader',
  }),
  'idcard.lift': method({ input: Empty, output: Ok, access: 'user', summary: 'training mode: lift the card' }),
  'idcard.lastCard': method({
    input: Empty,
    output: idCardSchema.nullable(),
    access: 'user',
    summary: 'the card read most recently (within the last minutes), for a form opened after the read',
  }),
};
