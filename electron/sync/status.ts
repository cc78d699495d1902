/** What the sync panel shows. Messages are for the clerk and IT, in Chinese. */
export interface SyncStatus {
  state: 'stopped' | 'idle' | 'sending' | 'pulling' | 'offline' | 'refused';
  /** null until the platform has answered once since start. */
  online: boolean | null;
  queued: number;
  sending: number;
  sent: number;
  parked: number;
  lastError: { message: string; at: string } | null;
  lastSuccessAt: string | null;
  lastPullAt: string | null;
  /** Platform clock minus workstation clock, from the last verified answer. */
  clockSkewMs: number | null;
  /** Set when the skew is beyond the configured threshold. */
  clockWarning: string | null;
}

export function clockWarning(skewMs: number | null, thresholdMs: number): string | null {
  if (skewMs === null || Math.abs(skewMs) <= thresholdMs) return null;
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  const amount = minutes >= 120 ? `${Math.round(minutes / 60)} 小时` : `${Math.max(minutes, 1)} 分钟`;
  const direction = skewMs > 0 ? '慢' : '快';
  return `本机时钟比中心平台${direction}约 ${amount}：请在系统设置中校准时间。受理和同步不受影响，事件仍按本机时间记录。`;
}
