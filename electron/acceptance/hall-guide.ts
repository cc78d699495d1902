/**
 * A catalog ships as a template (its 办理地点 and 咨询电话 say "模板：请改为本地…"); the hall's
 * own values are in the workstation configuration. Wherever a guide is shown or printed, the
 * configured window stands in for a template placeholder, so a clerk never reads one out.
 */
import type { WorkstationConfig } from '../../shared/api/settings';

type HallConfig = Pick<WorkstationConfig, 'hall' | 'window'>;

/** A value the catalog left for the hall to fill. */
export function isTemplateValue(value: string): boolean {
  return /模板|请改为/.test(value);
}

export function withHallValues<G extends { location: string; consultPhone: string; implementingBodyUscc?: string | null }>(
  guide: G,
  config: HallConfig,
): G {
  const location = isTemplateValue(guide.location)
    ? `${config.hall.name} ${config.window.number}号窗口（${config.window.name}）`
    : guide.location;
  const consultPhone = isTemplateValue(guide.consultPhone) ? config.window.phone : guide.consultPhone;
  const shown = { ...guide, location, consultPhone };
  // No configured value exists for the body's USCC: a placeholder is better left out than read out.
  if (typeof guide.implementingBodyUscc === 'string' && isTemplateValue(guide.implementingBodyUscc)) shown.implementingBodyUscc = null;
  return shown;
}
