// How a registry that wants a login is asked, as docker and Kaniko ask it: its 401
// names a scheme in WWW-Authenticate. Basic takes the user and password on every
// request; Bearer (Docker Hub, GHCR, Harbor, ...) sends the client to a token
// service (realm) with the service and scope, and the token it gives is what the
// registry then takes. Messages name the registry and the docker config file,
// never the password.
import { encodedLogin, REGISTRY_CONFIG_SETTING, type RegistryLogin } from './docker-config';

/** A WWW-Authenticate challenge: Basic or Bearer, and its parameters (realm, service, scope). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Who asks, and for what: the registry, its login (none: anonymously) and the repository to pull. */
export interface AuthRequest {
  host: string;
  login?: RegistryLogin;
  repository: string;
  timeoutMs: number;
}

/** Why a request got no answer: the system's code (ECONNREFUSED, ENOTFOUND, ...) or the error's own words. */
export function unreachableReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export function parseChallenge(header: string | null, host: string): Challenge {
  const match = header?.match(/^\s*(\w+)\s*(.*)$/);
  if (!match) throw new Error(`The registry ${host} answered 401 Unauthorized without saying how to log in (no WWW-Authenticate header).`);
  const params: Record<string, string> = {};
  for (const [, key, quoted, bare] of match[2].matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[key.toLowerCase()] = quoted ?? bare;
  return { scheme: match[1].toLowerCase(), params };
}

export function basicAuthorization(login: RegistryLogin): string {
  return `Basic ${encodedLogin(login)}`;
}

/** The registry wants a login and the harness has none for it. */
export function noLoginError(host: string, scheme: string): Error {
  return new Error(
    `The registry ${host} wants a login (WWW-Authenticate: ${scheme}) and the harness has no credentials for it. ` +
      `Fix: set ${REGISTRY_CONFIG_SETTING} to a docker config file with the login for ${host} ({"auths": {"${host}": {"auth": "<base64 of user:password>"}}}, as docker login writes it).`,
  );
}

/** The user or the password is wrong: said plainly, naming where they came from. */
export function loginRefusedError(refuser: string, host: string, login: RegistryLogin, status: number): Error {
  return new Error(
    `${refuser} refused the credentials for ${host} in ${login.file} (user "${login.username}"): the user name or the password is wrong (HTTP ${status}). ` +
      `Fix: correct the login for ${host} in that file (${REGISTRY_CONFIG_SETTING}).`,
  );
}

/** Bearer: a token from the token service, asked with the login if there is one (anonymously otherwise, as Docker Hub allows for public images). */
async function bearerToken(challenge: Challenge, request: AuthRequest): Promise<string> {
  const { realm, service, scope } = challenge.params;
  if (!realm) throw new Error(`The registry ${request.host} asks for a Bearer token and names no token service (no realm in WWW-Authenticate).`);
  const tokenService = `token service ${realm} of the registry ${request.host}`;
  const url = new URL(realm);
  if (service) url.searchParams.set('service', service);
  for (const each of (scope ?? `repository:${request.repository}:pull`).split(' ')) url.searchParams.append('scope', each);
  let response: Response;
  try {
    response = await fetch(url, { headers: request.login ? { Authorization: basicAuthorization(request.login) } : {}, signal: AbortSignal.timeout(request.timeoutMs) });
  } catch (error) {
    throw new Error(`Could not reach the ${tokenService}: ${unreachableReason(error)}. Fix: check that this machine reaches ${url.origin}.`);
  }
  if (response.status === 401 || response.status === 403) {
    if (!request.login) throw noLoginError(request.host, 'Bearer');
    throw loginRefusedError(`The ${tokenService}`, request.host, request.login, response.status);
  }
  const body = await response.text();
  if (!response.ok) throw new Error(`The ${tokenService} answered HTTP ${response.status}: ${body.slice(0, 200)}`);
  let answer: { token?: string; access_token?: string } = {};
  try {
    answer = JSON.parse(body) as typeof answer;
  } catch {
    // no JSON: no token, said below
  }
  const token = answer.token ?? answer.access_token;
  if (!token) throw new Error(`The ${tokenService} answered without a token (neither "token" nor "access_token").`);
  return `Bearer ${token}`;
}

/** The Authorization header to ask again with, in the scheme the registry's challenge named. */
export async function authorizationFor(challenge: Challenge, request: AuthRequest): Promise<string> {
  if (challenge.scheme === 'basic') {
    if (!request.login) throw noLoginError(request.host, 'Basic');
    return basicAuthorization(request.login);
  }
  if (challenge.scheme === 'bearer') return bearerToken(challenge, request);
  throw new Error(`The registry ${request.host} asks for a login by ${challenge.scheme}, which the harness does not speak (it speaks Basic and Bearer).`);
}
