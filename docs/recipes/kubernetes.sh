#!/bin/sh
# Run the shards, wait for all ten, then merge them (a Job cannot wait for another Job by itself).
set -eu
kubectl apply -f kubernetes-shards.yaml
kubectl wait --for=condition=complete job/visasim-shards --timeout=24h
kubectl apply -f kubernetes-merge.yaml
kubectl wait --for=condition=complete job/visasim-merge --timeout=1h
