/** The reproduction of issue 10, fault 5: about 31% of requests fail, in every way a network can. */
export const INTERMITTENT_FAULTS = { drop: 0.06, error500: 0.07, cut: 0.06, 'lose-ack': 0.06, 'duplicate-response': 0.06 } as const;
