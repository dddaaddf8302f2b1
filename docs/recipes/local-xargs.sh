seq 1 4 | xargs -P 2 -I{} npx visasim run scenarios/us-300k-work-visas.yaml --runs 400 --seed 1 --threads 1 --shard {}/4 --out parts/{} --quiet
npx visasim merge parts/1 parts/2 parts/3 parts/4 --out output/merged --quiet
