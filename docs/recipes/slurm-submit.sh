#!/bin/bash
# Submit the shards, then a merge that starts only when every shard succeeded.
set -euo pipefail
mkdir -p logs
array=$(sbatch --parsable slurm-shards.sbatch)   # prints "jobid" or "jobid;cluster"
sbatch --parsable --dependency="afterok:${array%%;*}" --job-name=visasim-merge \
  --output=logs/visasim-merge-%j.log --wrap "visasim merge parts/* --out output/full --quiet"
