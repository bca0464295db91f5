#!/usr/bin/env python3
"""config/deploy/kubernetes/ parses and carries what `geocrawl crawl --shard auto --shards N`
and the deploy scripts read:

- the shards Job is Indexed (so Kubernetes sets JOB_COMPLETION_INDEX; no manifest sets it by
  hand), its completions equal --shards and the merge's GEOCRAWL_SHARDS, parallelism is at
  most completions;
- every variable geocrawl-shard.sh and geocrawl-merge.sh require is set, the run label is the
  same in every pod (the Job's UID), the working database is on a per-pod volume (emptyDir or
  a generic ephemeral volume), the results on the shared claim;
- every ${VAR} of the shipped config comes from a Secret (secretKeyRef), no Secret is shipped
  and no string anywhere holds user:password@;
- with --geocrawl, geocrawl itself accepts the shipped config given exactly those variables.

  kubernetes_manifests_test.py --deploy-dir config/deploy [--geocrawl build/dev/geocrawl]
Exit status 0 passed, 1 failed (every failure listed).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

import yaml

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def load_manifests(folder):
    documents = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name)) as manifest:
                for document in yaml.safe_load_all(manifest):
                    if document:
                        documents[(document["kind"], document["metadata"]["name"])] = document
    return documents


def strings(node):
    """Every string in a parsed document."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(key)
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def script_variables(script):
    """The variables a deploy script requires: its `: "${NAME:?...}"` lines."""
    with open(script) as text:
        return set(re.findall(r'"\$\{(GEOCRAWL_[A-Z_]+):\?', text.read()))


def pod_parts(job):
    pod = job["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    env = {variable["name"]: variable for variable in container.get("env", [])}
    volumes = {volume["name"]: volume for volume in pod.get("volumes", [])}
    mounts = {mount["mountPath"]: volumes.get(mount["name"]) for mount in container.get("volumeMounts", [])}
    return pod, container, env, mounts


def volume_at(mounts, path):
    """The volume mounted at the folder holding `path` (the longest mount path above it)."""
    above = [mount for mount in mounts if path == mount or path.startswith(mount.rstrip("/") + "/")]
    return mounts[max(above, key=len)] if above else None


def check_scripts_env(job_name, env, container, script_dir, filled_at_submission=()):
    """Every variable the Job's script requires is set: a value, a reference, or (for the
    names in filled_at_submission) present for `kubectl set env` to fill."""
    command = container["command"][0]
    script = os.path.join(script_dir, os.path.basename(command))
    if not check(os.path.exists(script), f"{job_name}: runs {command}, which config/deploy does not have"):
        return
    for variable in sorted(script_variables(script)):
        entry = env.get(variable, {})
        check(entry.get("value") or "valueFrom" in entry or (variable in filled_at_submission and variable in env),
              f"{job_name}: {os.path.basename(script)} requires {variable}, which the Job does not set")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--deploy-dir", required=True)
    parser.add_argument("--geocrawl")
    options = parser.parse_args()
    folder = os.path.join(options.deploy_dir, "kubernetes")
    documents = load_manifests(folder)

    shards = documents.get(("Job", "geocrawl-shards"))
    merge = documents.get(("Job", "geocrawl-merge"))
    config_map = documents.get(("ConfigMap", "geocrawl-config"))
    claim = documents.get(("PersistentVolumeClaim", "geocrawl-shared"))
    if not all(check(document is not None, f"no {name} in {folder}") for document, name in
               ((shards, "Job geocrawl-shards"), (merge, "Job geocrawl-merge"),
                (config_map, "ConfigMap geocrawl-config"), (claim, "PersistentVolumeClaim geocrawl-shared"))):
        return report()

    # The Indexed Job and the shard count.
    spec = shards["spec"]
    check(spec.get("completionMode") == "Indexed", "geocrawl-shards: completionMode is not Indexed, "
                                                   "so Kubernetes sets no JOB_COMPLETION_INDEX")
    pod, container, env, mounts = pod_parts(shards)
    args = container.get("args", [])
    shard_count = int(args[args.index("--shards") + 1]) if "--shards" in args[:-1] else None
    check(shard_count is not None, f"geocrawl-shards: no --shards N in the container's args {args}")
    check(spec.get("completions") == shard_count,
          f"geocrawl-shards: completions {spec.get('completions')} but --shards {shard_count}")
    check(1 <= spec.get("parallelism", 1) <= spec.get("completions", 0),
          f"geocrawl-shards: parallelism {spec.get('parallelism')} not within 1..completions")
    check("JOB_COMPLETION_INDEX" not in env, "geocrawl-shards sets JOB_COMPLETION_INDEX itself: "
                                             "it must come from the Indexed mode")
    check(not any(name.startswith("SLURM_") for name in env), "geocrawl-shards sets SLURM_ variables")
    check(pod.get("restartPolicy") == "OnFailure",
          "geocrawl-shards: restartPolicy is not OnFailure (a restarted container resumes on its emptyDir)")
    label = env.get("GEOCRAWL_RUN_LABEL", {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath")
    check(label == "metadata.labels['batch.kubernetes.io/controller-uid']",
          f"geocrawl-shards: the run label is not the Job's UID (the same in every pod): {label}")

    merge_pod, merge_container, merge_env, merge_mounts = pod_parts(merge)
    check(merge_env.get("GEOCRAWL_SHARDS", {}).get("value") == str(shard_count),
          f"geocrawl-merge: GEOCRAWL_SHARDS {merge_env.get('GEOCRAWL_SHARDS')} but --shards {shard_count}")

    # What the deploy scripts read, and where the databases live.
    check_scripts_env("geocrawl-shards", env, container, options.deploy_dir)
    check_scripts_env("geocrawl-merge", merge_env, merge_container, options.deploy_dir, {"GEOCRAWL_RUN_LABEL"})
    for job_name, job_env, job_mounts in (("geocrawl-shards", env, mounts), ("geocrawl-merge", merge_env, merge_mounts)):
        local = volume_at(job_mounts, job_env.get("GEOCRAWL_LOCAL_DIR", {}).get("value", ""))
        check(local is not None and ("emptyDir" in local or "ephemeral" in local),
              f"{job_name}: GEOCRAWL_LOCAL_DIR is not on a per-pod volume (emptyDir or ephemeral): {local}")
        results = volume_at(job_mounts, job_env.get("GEOCRAWL_RESULTS_DIR", {}).get("value", ""))
        check(results is not None and results.get("persistentVolumeClaim", {}).get("claimName") == "geocrawl-shared",
              f"{job_name}: GEOCRAWL_RESULTS_DIR is not on the shared claim: {results}")
        deploy = volume_at(job_mounts, (merge_container if job_name == "geocrawl-merge" else container)["command"][0])
        check(deploy is not None and deploy.get("configMap", {}).get("name") == "geocrawl-deploy",
              f"{job_name}: its script is not from the geocrawl-deploy ConfigMap: {deploy}")
    check("ReadWriteMany" in claim["spec"].get("accessModes", []), "geocrawl-shared is not ReadWriteMany")
    for path in ("GEOCRAWL_SITES", "GEOCRAWL_CONFIG"):
        check(volume_at(mounts, env.get(path, {}).get("value", "")) is not None,
              f"geocrawl-shards: {path} is not on a mounted volume")

    # Secrets: the config's ${VAR}s from a Secret, nothing inline.
    config_text = config_map["data"]["config.toml"]
    config_variables = set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", config_text))
    check(config_variables, "the shipped config has no ${VAR}: the proxies' credentials would be inline")
    for variable in sorted(config_variables):
        reference = env.get(variable, {}).get("valueFrom", {}).get("secretKeyRef")
        check(reference and reference.get("name") and reference.get("key") and "value" not in env.get(variable, {}),
              f"geocrawl-shards: ${{{variable}}} of the config is not from a Secret (secretKeyRef): {env.get(variable)}")
    check(not any(kind == "Secret" for kind, _ in documents), "a Secret is shipped in the manifests")
    credentials = re.compile(r"://(?!\$\{)[^/@\s:]+:(?!\$\{)[^/@\s]+@")
    for (kind, name), document in documents.items():
        for text in strings(document):
            check(not credentials.search(text), f"{kind} {name}: credentials inline: {text[:80]!r}")

    if options.geocrawl:
        with tempfile.TemporaryDirectory() as scratch:
            config = os.path.join(scratch, "config.toml")
            with open(config, "w") as out:
                out.write(config_text)
            # Exactly the variables the Job provides (placeholders for the Secret's values).
            provided = {name: f"placeholder-{name.lower()}" for name in env if "valueFrom" in env[name]}
            clean = {k: v for k, v in os.environ.items() if k not in config_variables}
            result = subprocess.run([options.geocrawl, "geoip", "192.0.2.1", "--config", config],
                                    env=dict(clean, **provided), capture_output=True, text=True, timeout=60)
            check(result.returncode == 0, f"geocrawl refuses the shipped config with the Job's variables: "
                                          f"{result.stderr.strip()}")
    return report()


def report():
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    print("PASS" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
