/**
 * Who applies and who stands at the window, from the stage form. The builder (a unit, with its
 * 统一社会信用代码) is the applicant; the 经办人 is its agent, with the certificate they showed.
 * Without a builder on the form the person at the window applies for themselves.
 */
import { UNIT_CERTIFICATE, type PersonInput } from '../../shared/api/cases';
import { RESIDENT_ID, checkPhone, normaliseCertificateNumber } from '../../shared/domain/identifiers';
import { certificateTypeFor } from '../../shared/domain/forms';

function text(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function optional(key: keyof PersonInput, value: string): Partial<PersonInput> {
  return value ? { [key]: value } : {};
}

export function personOf(values: Record<string, unknown>, role: string): PersonInput | null {
  const name = text(values, `${role}.name`);
  if (!name) return null;
  const number = text(values, `${role}.idNumber`);
  return {
    name,
    ...(number ? { certificateType: certificateTypeFor(`${role}.idNumber`, values), idNumber: normaliseCertificateNumber(number) } : {}),
    ...optional('passNumber', text(values, `${role}.passNumber`).toUpperCase()),
    ...optional('englishName', text(values, `${role}.englishName`)),
    ...optional('nationality', text(values, `${role}.nationality`)),
    ...optional('phone', phoneOf(text(values, `${role}.phone`))),
  };
}

/** Stored in one spelling (+852 91234567), whichever way the clerk typed it. */
function phoneOf(typed: string): string {
  const r = checkPhone(typed);
  return r.ok ? r.value : typed;
}

export function partiesOf(values: Record<string, unknown>): { applicant: PersonInput; agent: PersonInput | null } {
  const agent = personOf(values, 'agent');
  const builderName = text(values, 'builder.name');
  if (builderName) {
    const uscc = text(values, 'builder.uscc').toUpperCase();
    const applicant: PersonInput = {
      name: builderName,
      ...(uscc ? { certificateType: UNIT_CERTIFICATE, idNumber: uscc } : {}),
      ...optional('phone', text(values, 'builder.contact.phone')),
    };
    return { applicant, agent };
  }
  const self = agent ?? { name: text(values, 'builder.legalRep.name'), certificateType: RESIDENT_ID };
  return { applicant: self, agent: null };
}
