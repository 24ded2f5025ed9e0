#!/usr/bin/env bash
# Rolls out a release: migrations first, then the apps (deploy/README.md, docs/adr/0022).
#   deploy/k8s/rollout.sh production            # overlay deploy/k8s/overlays/production
# 1. the migration Job alone (a Job's template is immutable: the previous run is deleted first),
# 2. wait until it completed (a failed migration stops here; the old pods keep serving),
# 3. everything else, then wait for the api and worker rollouts.
set -euo pipefail
overlay="${1:?usage: rollout.sh <overlay: dev|production>}"
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/overlays/$overlay"
rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
kubectl kustomize "$dir" > "$rendered"
ns="$(sed -n 's/^namespace: *//p' "$dir/kustomization.yaml")"

kubectl -n "$ns" delete job ratsinfo-migrate --ignore-not-found --wait=true
kubectl -n "$ns" apply -f "$rendered" -l app.kubernetes.io/component=migration
kubectl -n "$ns" wait --for=condition=complete job/ratsinfo-migrate --timeout=15m
kubectl -n "$ns" apply -f "$rendered"
kubectl -n "$ns" rollout status deployment/ratsinfo-api --timeout=10m
kubectl -n "$ns" rollout status deployment/ratsinfo-worker --timeout=15m
