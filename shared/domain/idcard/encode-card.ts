/** Builds text blocks for synthetic training cards from field values, using the same layouts. */
import type { CardType } from './card';
import { CARD_TYPE_MARKS, CARD_TYPE_OFFSET, LAYOUTS, type FieldSpan } from './layouts';
import { blankTextBlock, writeField } from './text-block';

export type CardFieldValues = Readonly<Record<string, string>>;

export function encodeTextBlock(cardType: CardType, values: CardFieldValues): Uint8Array {
  const layout: Readonly<Record<string, FieldSpan>> = LAYOUTS[cardType];
  const block = blankTextBlock();
  for (const [key, value] of Object.entries(values)) {
    const span = layout[key];
    if (!span) throw new RangeError(`field ${key} is not part of the ${cardType} layout`);
    writeField(block, span.offset, span.length, value);
  }
  writeField(block, CARD_TYPE_OFFSET, 2, CARD_TYPE_MARKS[cardType]);
  return block;
}

/** The latest-address reply (30 03): 70 bytes of UTF-16LE padded with spaces. */
export function encodeNewAddress(address: string): Uint8Array {
  const block = new Uint8Array(70);
  writeField(block, 0, 70, address);
  return block;
}
