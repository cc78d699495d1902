/**
 * What a card read puts on the form for a person: the certificate type the card is, its number,
 * and every other number or name the chip carries (a 居住证's 通行证 number, a 永居证's English
 * name and nationality). One mapping, used by the Node side's prefill and the renderer's live fill.
 */
import { FOREIGN_PR_2017, FOREIGN_PR_2023, HMT_RESIDENCE, RESIDENT_ID } from '../identifiers/certificates';
import type { CardType, IdCard } from './card';

export const CARD_CERTIFICATE_TYPES: Readonly<Record<CardType, string>> = {
  resident: RESIDENT_ID,
  'foreign-2017': FOREIGN_PR_2017,
  'foreign-2023': FOREIGN_PR_2023,
  'hk-mo-tw': HMT_RESIDENCE,
};

export type CardPersonSource = Pick<
  IdCard,
  'cardType' | 'name' | 'idNumber' | 'englishName' | 'nationality' | 'passNumber' | 'address' | 'newAddress'
>;

/** Form values under `role.` (e.g. `agent.`), only the ones the card holds. */
export function cardPersonValues(card: Partial<CardPersonSource> & Pick<IdCard, 'name' | 'idNumber'>, role: string): Map<string, string> {
  const out = new Map<string, string>([
    [`${role}.name`, card.name],
    [`${role}.idNumber`, card.idNumber],
  ]);
  if (card.cardType) out.set(`${role}.certType`, CARD_CERTIFICATE_TYPES[card.cardType]);
  if (card.passNumber) out.set(`${role}.passNumber`, card.passNumber.trim().toUpperCase());
  if (card.englishName) out.set(`${role}.englishName`, card.englishName);
  if (card.nationality) out.set(`${role}.nationality`, card.nationality);
  const address = card.newAddress ?? card.address;
  if (address) out.set(`${role}.address`, address);
  return out;
}
