/**
 * Periods fixed by the 行政许可法, in working days (art. 82). Promised limits (承诺时限) come from
 * the item's service guide and are usually shorter; these are the ceilings and the defaults.
 */
export const STATUTORY_LIMITS = {
  /** art. 32: tell the applicant everything to supply, once, within 5 days of receipt. */
  correctionNoticeWorkdays: 5,
  /** art. 42: decide within 20 days of acceptance, extendable once by 10 with reasons. */
  decisionWorkdays: 20,
  decisionExtensionWorkdays: 10,
  /** art. 26 / 42: joint or centralised handling 45 days, extendable by 15. */
  jointDecisionWorkdays: 45,
  jointDecisionExtensionWorkdays: 15,
  /** art. 44: deliver the licence within 10 days of the decision. */
  deliveryWorkdays: 10,
} as const;

/** 容缺受理: supplying within this many working days after the deadline restores a suspended case. */
export const DEFAULT_DEFICIENCY_GRACE_WORKDAYS = 15;

export const DEFAULT_YELLOW_THRESHOLD_WORKDAYS = 2;
