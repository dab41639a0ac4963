"""Waits for jobs with a Kubeflow Python SDK, as a platform engineer's script would,
one thread per job:
  training  the Kubeflow Training SDK (kubeflow-training): TrainingClient.wait_for_job_conditions on PyTorchJobs
  trainer   the Kubeflow SDK (kubeflow): TrainerClient.wait_for_job_status on TrainJobs, as Kubeflow's platform CI does

Usage: sdk_wait.py <training|trainer> <namespace> <polling interval s> <timeout s> <job>...
Prints one JSON line per job when its wait ends: {"job", "at" (ms since the epoch),
"outcome": "met" | "failed" | "error", "detail"}. Each SDK uses the kubeconfig of
KUBECONFIG, as a user's script finds it.
"""
import json
import sys
import threading
import time


def training_waiter(namespace):
    from kubeflow.training import TrainingClient

    client = TrainingClient()

    def wait(job, interval, timeout):
        client.wait_for_job_conditions(job, namespace, job_kind="PyTorchJob", polling_interval=interval, wait_timeout=timeout)

    return wait


def trainer_waiter(namespace):
    from kubeflow.common.types import KubernetesBackendConfig
    from kubeflow.trainer import TrainerClient

    client = TrainerClient(backend_config=KubernetesBackendConfig(namespace=namespace))

    def wait(job, interval, timeout):
        client.wait_for_job_status(job, status={"Complete"}, polling_interval=interval, timeout=timeout)

    return wait


WAITERS = {"training": training_waiter, "trainer": trainer_waiter}
# Both SDKs raise RuntimeError("<kind> <name> is Failed ..."); their API errors say "Failed to get ...".
FAILED = "is Failed"


def wait(waiter, job, interval, timeout, lock):
    outcome, detail = "met", ""
    try:
        waiter(job, interval, timeout)
    except RuntimeError as error:
        outcome, detail = ("failed" if FAILED in str(error) else "error"), str(error)[:200]
    except Exception as error:  # a timeout or an API error: the figure is missing
        outcome, detail = "error", f"{type(error).__name__}: {error}"[:200]
    at = time.time() * 1000
    with lock:
        print(json.dumps({"job": job, "at": at, "outcome": outcome, "detail": detail}), flush=True)


def main():
    sdk, namespace, interval, timeout, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
    waiter = WAITERS[sdk](namespace)
    lock = threading.Lock()
    threads = [threading.Thread(target=wait, args=(waiter, job, interval, timeout, lock)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
