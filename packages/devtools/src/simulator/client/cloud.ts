/**
 * The simulator page's cloud service: every `my.cloud` / `Cloud` request the app makes goes to the
 * dev server (`server/cloud.ts`), which answers it from the project's cloud emulator. The same
 * `CloudAdapter` interface a real host implements for its backend.
 */
import type { CloudAdapter, CloudRequest } from '../../cloud/types.ts';

export const CLOUD_PATH = '/__mpk/cloud';

export function serverCloud(token: string): CloudAdapter {
  return {
    async request(request: CloudRequest, context) {
      const upload = request.op === 'uploadFile';
      const { data, ...rest } = request as CloudRequest & { data?: unknown };
      const described = { ...(upload ? rest : request), appId: context.appId };
      const response = await fetch(CLOUD_PATH, {
        method: 'POST',
        headers: {
          'x-mpk-token': token,
          ...(upload ? { 'x-mpk-cloud': encodeURIComponent(JSON.stringify(described)), 'content-type': 'application/octet-stream' } : { 'content-type': 'application/json' }),
        },
        body: upload ? new Blob([data as Uint8Array<ArrayBuffer>]) : JSON.stringify(described),
      });
      if ((response.headers.get('content-type') ?? '').startsWith('application/octet-stream')) return { data: new Uint8Array(await response.arrayBuffer()) };
      let answer: { ok?: boolean; value?: unknown; error?: unknown };
      try {
        answer = (await response.json()) as typeof answer;
      } catch {
        throw { error: 12, errorMessage: `the simulator's cloud service answered ${response.status}` };
      }
      if (answer.ok) return answer.value;
      throw answer.error ?? { error: 3, errorMessage: 'the cloud service failed' };
    },
  };
}
