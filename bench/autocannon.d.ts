// The part of autocannon 9's API the load generator uses (the package ships no types).
declare module 'autocannon' {
  type RawRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer };
  type Options = {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    connections?: number;
    duration?: number;
    amount?: number;
    overallRate?: number;
    timeout?: number;
    requests?: Array<RawRequest & { setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest }>;
  };
  type Histogram = { average: number; mean: number; max: number; min: number; p50: number; p90: number; p99: number; totalCount?: number };
  type Result = {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
  };
  type Run = Promise<Result> & { on(event: 'response', listener: (...args: unknown[]) => void): Run };
  function autocannon(options: Options): Run;
  export default autocannon;
}
