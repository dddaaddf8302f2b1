/** The starter scenario written by `visasim init`: every section, commented, valid as it stands. */
export const STARTER_SCENARIO = `# yaml-language-server: $schema=SCHEMA_PATH
# A starter visasim scenario. Edit it, then: visasim validate THIS_FILE && visasim run THIS_FILE
# Every number should cite a source (see \`sources\`) or say that it is an assumption.
id: my-scenario
title: A hypothetical 10,000-visa program with a country split
status: hypothetical          # proposed | announced | implemented | terminated | hypothetical
description: >-
  Replace this with what the measure is, who announced it, and what the scenario assumes.

sources:
  - id: my-source
    title: Where the numbers come from
    url: https://example.org
    date: 2024-01-01

calendar:
  start: 2024-10-01           # first day simulated (FY2025 starts on Oct 1, 2024)
  years: 3                    # horizon in years
  step: month                 # month (default) or day

simulation:
  runs: 500                   # Monte Carlo runs; --runs overrides
  seed: 1                     # same seed = same outputs; --seed overrides

groups:                       # the applicant populations; or \`from: data/file.csv\`
  rows:
    - { id: GT, name: Guatemala, population: 17915568 }
    - { id: HN, name: Honduras, population: 9904607 }
    - { id: SV, name: El Salvador, population: 6486205 }

parameters:                   # fixed or uncertain values, sampled once per run
  - id: take_up
    description: Share of the population that applies each year
    uniform: [0.0005, 0.0015]
    assumption: true
    note: An assumption; replace with a cited estimate.

programs:
  - id: program
    title: The program
    source: my-source
    demand:
      per_year: population * take_up      # a formula of group columns and parameters
      noise: poisson
    not_selected:
      reapply: 0.5            # share of those not selected who apply again next fiscal year
      divert: 0.1             # share who take another route
    pools:
      - id: main
        title: Main pool
        cap: { amount: 10000, per: fiscal-year, source: my-source }
        split: { by: population, method: largest-remainder }
        select: lottery       # lottery | fcfs | uscis | queue | pro-rata | {method: mix, ...}
        unused: lapse         # lapse | roll | carry | {spill: other-pool}

checks:
  - description: The pool hands out at most 10,000 visas a year
    metric: issued
    program: program
    every_period: true
    at_most: 10000
`;

/**
 * The starter scenario with its schema line pointing at `schemaPath`: the JSON Schema file of the
 * installed package, relative to the new file (editors with yaml-language-server read it offline).
 */
export function starterScenario(schemaPath: string): string {
  return STARTER_SCENARIO.replace('SCHEMA_PATH', schemaPath);
}
