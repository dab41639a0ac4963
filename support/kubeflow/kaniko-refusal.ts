// A Kaniko build the registry refused for its credentials, told from Kaniko's log.
import type { RegistryLogin } from '../cluster/docker-config';

/** The build: the registry it pushes to, the secret it pushes with (made from login, where the harness made it), its pod. */
export interface Push {
  host: string;
  secret: string;
  pod: string;
  login?: RegistryLogin;
}

/**
 * Kaniko's line about a 401 from the registry at host, if its log has one: its
 * registry client (go-containerregistry) writes the registry's error code,
 * UNAUTHORIZED, after the request it made.
 */
function refusedPushLine(log: string, host: string): string | undefined {
  return log
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.includes(host) && /\bUNAUTHORIZED\b|401 Unauthorized/.test(line));
}

/** The error that names the refused credentials, with Kaniko's own line; undefined when the log shows another failure. */
export function refusedCredentials(log: string, push: Push): Error | undefined {
  const refusal = refusedPushLine(log, push.host);
  if (!refusal) return undefined;
  const { host, secret, pod, login } = push;
  const source = login ? ` (the login of user "${login.username}" from ${login.file})` : '';
  return new Error(
    `The registry ${host} refused the credentials of the secret ${secret}${source}: it answered Kaniko's push 401 Unauthorized, so the user name or the password is wrong. ` +
      `The builder pod ${pod} failed; Kaniko said:\n${refusal}\nFix: correct the login for ${host}${login ? ` in ${login.file}` : ''} (KUBEFLOW_BDD_REGISTRY_CONFIG).`,
  );
}
