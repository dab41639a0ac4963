import { explain, isNotFound } from '../cluster/errors';
import { httpCall, type HttpAnswer } from '../cluster/http-call';
import { throughServiceProxy } from '../cluster/service-proxy';
import { predictorUrl } from '../config';
import type { KubeflowWorld } from '../world';
import { predictorName } from './inference-service-status';

/** The port of the Service KServe makes for a predictor. */
const PREDICTOR_PORT = 80;
/** How long the token the harness asks for lives: longer than a scenario's predictions take. */
const TOKEN_SECONDS = 600;
/** A gateway refuses a request without a token so: 401 or 403, or a redirect to its login page (Kubeflow's oauth2-proxy answers 302). */
const REFUSALS = [401, 403, 302, 303, 307];

/** Where the harness sends a predictor's requests, and how it names that place in errors. */
export interface PredictorEndpoint {
  /** "through the API server's service proxy", "at https://…". */
  where: string;
  /** " with a token of ServiceAccount …", or empty. */
  credentials: string;
  send(path: string, json: unknown): Promise<HttpAnswer>;
  /** A request without the token, which the gateway must refuse; absent where no token is sent. */
  sendWithoutToken?: (path: string, json: unknown) => Promise<HttpAnswer>;
}

/** A token of the scenario namespace's ServiceAccount, as Kubeflow's CI takes one with `kubectl create token default-editor`. */
async function serviceAccountToken(world: KubeflowWorld, account: string): Promise<string> {
  const { namespace } = world;
  try {
    const answer = await world.clients.core.createNamespacedServiceAccountToken({ name: account, namespace, body: { spec: { audiences: [], expirationSeconds: TOKEN_SECONDS } } });
    return answer.status?.token as string;
  } catch (error) {
    if (isNotFound(error)) {
      throw new Error(`Namespace ${namespace} has no ServiceAccount ${account}, whose token KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT names. Fix: name one a profile namespace has (default-editor, as Kubeflow's CI uses).`);
    }
    throw explain(error, `Asking for a token of ServiceAccount ${account} in namespace ${namespace}`);
  }
}

/**
 * The predictor of InferenceService name: on the gateway KUBEFLOW_BDD_KSERVE_URL
 * names, with a token of KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT if set; otherwise
 * through the API server's service proxy with the harness's own credentials,
 * which needs no route into the cluster.
 */
export async function predictorEndpoint(world: KubeflowWorld, name: string): Promise<PredictorEndpoint> {
  const { url, tokenAccount } = world.config.serving;
  if (!url) {
    const call = { namespace: world.namespace, service: predictorName(name), port: PREDICTOR_PORT };
    return { where: "through the API server's service proxy", credentials: '', send: (path, json) => throughServiceProxy(world.clients, { ...call, path, json }) };
  }
  const base = predictorUrl(url, name, world.namespace);
  const at = (path: string) => new URL(`${base}/${path}`);
  if (!tokenAccount) return { where: `at ${base}`, credentials: '', send: (path, json) => httpCall(at(path), {}, json) };
  const token = await serviceAccountToken(world, tokenAccount);
  return {
    where: `at ${base}`,
    credentials: ` with a token of ServiceAccount ${tokenAccount}`,
    send: (path, json) => httpCall(at(path), { headers: { Authorization: `Bearer ${token}` } }, json),
    sendWithoutToken: (path, json) => httpCall(at(path), {}, json),
  };
}

/** A gateway that answers a request without a token lets anyone who reaches it use the model. */
export function refusalProblem(answer: HttpAnswer, request: string): string | undefined {
  if (REFUSALS.includes(answer.status)) return undefined;
  return (
    `${request} without a token answered HTTP ${answer.status} (${answer.body.slice(0, 200)}), where a gateway that checks who asks refuses it (401, 403 or a redirect to its login). ` +
    "Fix: check the platform's authorization policy for the predictor (Kubeflow's: the Istio AuthorizationPolicy of the profile namespace and the gateway's oauth2-proxy)."
  );
}
