"""Waits for TrainJobs with the Kubeflow SDK, as Kubeflow's platform CI and a platform
engineer's script do: TrainerClient.wait_for_job_status, one thread per job.

Usage: trainer_wait.py <namespace> <polling interval s> <timeout s> <job>...
Prints one JSON line per job when its wait ends: {"job", "at" (ms since the epoch),
"outcome": "met" | "failed" | "error", "detail"}.
"""
import json
import sys
import threading
import time

from kubeflow.common.types import KubernetesBackendConfig
from kubeflow.trainer import TrainerClient


def wait(client, job, interval, timeout, lock):
    outcome, detail = "met", ""
    try:
        client.wait_for_job_status(job, status={"Complete"}, polling_interval=interval, timeout=timeout)
    except RuntimeError as error:  # the SDK raises this when the job is Failed
        outcome, detail = ("failed" if "is Failed" in str(error) else "error"), str(error)[:200]
    except Exception as error:  # a timeout or an API error: the figure is missing
        outcome, detail = "error", f"{type(error).__name__}: {error}"[:200]
    at = time.time() * 1000
    with lock:
        print(json.dumps({"job": job, "at": at, "outcome": outcome, "detail": detail}), flush=True)


def main():
    namespace, interval, timeout, jobs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
    # The kubeconfig of KUBECONFIG, as a user's script finds it.
    client = TrainerClient(backend_config=KubernetesBackendConfig(namespace=namespace))
    lock = threading.Lock()
    threads = [threading.Thread(target=wait, args=(client, job, interval, timeout, lock)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
