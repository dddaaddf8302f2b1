parallel --will-cite npx visasim run scenarios/us-300k-work-visas.yaml --runs 400 --seed 1 --threads 1 --shard {}/4 --out parts-parallel/{} --quiet ::: 1 2 3 4
npx visasim merge parts-parallel/* --out output/merged-parallel --quiet
