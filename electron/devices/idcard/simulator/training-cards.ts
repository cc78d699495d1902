/**
 * Synthetic training cards (resources/idcards/*.json): human-readable field values that are
 * encoded into the card's own byte layout, so the simulator sends exactly what a card would.
 * None of them belongs to a real person.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { resourcePath } from '../../../resources';
import { cardTypeSchema, encodeNewAddress, encodeTextBlock, type CardType } from '../../../../shared/domain/idcard';

export interface TrainingCard {
  id: string;
  label: string;
  cardType: CardType;
  text: Uint8Array;
  photo: Uint8Array;
  newAddress: Uint8Array | null;
}

export interface TrainingCardSummary {
  id: string;
  label: string;
  cardType: CardType;
}

export const trainingCardFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  cardType: cardTypeSchema,
  fields: z.record(z.string(), z.string()),
  newAddress: z.string().optional(),
});

export const WLT_MAGIC = Uint8Array.of(0x57, 0x4c, 0x66, 0x00);

/** 1024 bytes that start like a WLT photo; the rest is seeded noise, stable per card. */
export function syntheticWltPhoto(seed: string): Uint8Array {
  const photo = new Uint8Array(1024);
  photo.set(WLT_MAGIC, 0);
  let state = 2166136261;
  for (const ch of seed) state = Math.imul(state ^ ch.charCodeAt(0), 16777619) >>> 0;
  for (let i = WLT_MAGIC.length; i < photo.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    photo[i] = state & 0xff;
  }
  return photo;
}

export function trainingCardFromJson(json: unknown): TrainingCard {
  const file = trainingCardFileSchema.parse(json);
  return {
    id: file.id,
    label: file.label,
    cardType: file.cardType,
    text: encodeTextBlock(file.cardType, file.fields),
    photo: syntheticWltPhoto(file.id),
    newAddress: file.newAddress === undefined ? null : encodeNewAddress(file.newAddress),
  };
}

export function loadTrainingCard(file: string): TrainingCard {
  return trainingCardFromJson(JSON.parse(readFileSync(file, 'utf8')));
}

export function loadTrainingCards(dir: string = defaultTrainingCardsDir()): TrainingCard[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => loadTrainingCard(join(dir, name)));
}

/** resources/idcards, found like every other resource (electron/resources.ts). */
export function defaultTrainingCardsDir(): string {
  return resourcePath('idcards');
}
