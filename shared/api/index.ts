import type { z } from 'zod';
import { acceptanceMethods } from './acceptance';
import { calendarMethods } from './calendar';
import { clockMethods } from './clock';
import { captureMethods } from './capture';
import { casesMethods } from './cases';
import type { MethodDef } from './contract-kit';
import { devicesMethods } from './devices';
import { documentsMethods } from './documents';
import { hallMethods } from './hall';
import { idcardMethods } from './idcard';
import { preAcceptanceMethods } from './pre-acceptance';
import { syncMethods } from './sync';
import { ratingsMethods } from './ratings';
import { sessionMethods } from './session';
import { settingsMethods } from './settings';
import { signingMethods } from './signing';
import { statsMethods } from './stats';
import { supervisionMethods } from './supervision';
import { systemMethods } from './system';

/** Every call the renderer can make, by name. One file per namespace. */
export const contract = {
  ...systemMethods,
  ...sessionMethods,
  ...settingsMethods,
  ...devicesMethods,
  ...idcardMethods,
  ...syncMethods,
  ...casesMethods,
  ...signingMethods,
  ...supervisionMethods,
  ...statsMethods,
  ...ratingsMethods,
  ...documentsMethods,
  ...captureMethods,
  ...acceptanceMethods,
  ...preAcceptanceMethods,
  ...calendarMethods,
  ...clockMethods,
  ...hallMethods,
} satisfies Record<string, MethodDef>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export { events, type EventName, type EventPayload } from './events';
export * from './errors';

/** The client both transports implement; the renderer sees only this. */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends import('./events').EventName>(event: E, listener: (payload: import('./events').EventPayload<E>) => void): () => void;
}
