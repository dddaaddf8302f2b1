/**
 * The scenario language: one zod schema, the single source of truth. TypeScript types are
 * inferred from it (`ScenarioInput` is what a file may say, `Scenario` what validation returns),
 * and `visasim schema` turns it into the JSON Schema that editors use. Every key has a description.
 *
 * Cross-references (pool ids, group ids, columns, formula symbols) are checked after this schema,
 * in `references.ts`, because they need the whole document.
 */
import * as z from 'zod';
import { numberAsTextIssue } from './messages.js';

/** Hard limit on Monte Carlo runs per invocation (a user asking for more gets an input error). */
export const MAX_RUNS = 10_000_000;
/** Hard limit on the horizon. */
export const MAX_YEARS = 50;

const id = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
      message: 'expected an id of letters, digits, "-", "_" or "." (starting with a letter or digit)',
    })
    .describe(`Identifier of the ${what}.`);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected an ISO date YYYY-MM-DD', abort: true })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'expected a real calendar date',
    },
  );

const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'expected a month-day MM-DD, e.g. 04-01' })
  .describe('A day of the year as MM-DD (e.g. 04-01 for April 1).');

const share = z.number().min(0).max(1);
const count = z.number().int().min(0);
const formula = z
  .union([z.number(), z.string().min(1)])
  .describe('A number or a formula (mathjs syntax) over group columns, segment attributes and parameters.');
/** A cap as a formula; text that is only a formatted number ("150_000", "20k") is a typo for a number. */
const capFormula = z
  .string()
  .min(1)
  .refine((s) => !/^[+-]?\d[\d_,' ]*(\.\d+)?\s*[kKmM%]?$/.test(s.trim()), {
    message: numberAsTextIssue,
  });
const sourceRef = z
  .union([id('source'), z.array(id('source')).min(1)])
  .describe('Id (or ids) of entries in `sources` that support this number.');
const note = z.string().describe('Free text shown next to the value in reports and in `visasim explain`.');
const assumption = z
  .boolean()
  .describe('True when the value is an assumption of the scenario author rather than a cited fact.');
/** `clamp: true` beside a formula (engine/domain.ts): values out of its domain are clamped and counted. */
const clamp = (what: string) =>
  z
    .boolean()
    .describe(
      `True when ${what} may leave its range for some parameter draws, years or months and should then be clamped to it: each value clamped is counted, and manifest.json, the report and the terminal say in how many runs. Without it such a value stops the run with an error at the formula's line.`,
    );

export const StatusSchema = z
  .enum(['proposed', 'announced', 'implemented', 'terminated', 'hypothetical'])
  .describe(
    'Whether the measure was only proposed, announced, implemented (enacted), terminated, or is hypothetical.',
  );

export const SourceSchema = z
  .strictObject({
    id: id('source'),
    title: z.string().min(1).describe('Title of the document or article.'),
    url: z.string().optional().describe('Where to read it.'),
    publisher: z.string().optional().describe('Who published it (agency, outlet).'),
    date: isoDate.optional().describe('Publication date, YYYY-MM-DD.'),
    confidence: z
      .enum(['H', 'M', 'L'])
      .optional()
      .describe(
        'Confidence: H a primary source or two that agree, M one reputable secondary source, L one weak source.',
      ),
    note: note.optional(),
  })
  .describe('A document that supports numbers in this scenario.');

export const CalendarSchema = z
  .strictObject({
    start: isoDate.describe('First day simulated (usually the first day of a fiscal year).'),
    years: z.number().int().min(1).max(MAX_YEARS).describe('Horizon in years.'),
    step: z
      .enum(['month', 'day'])
      .default('month')
      .describe(
        'Time step. Months by default; window edges that fall inside a month (May 15) split it, so windows keep day precision.',
      ),
    fiscal_year_start: monthDay.default('10-01').describe('First day of the fiscal year (US: 10-01).'),
  })
  .describe('When the simulation starts, how long it runs and how time is cut.');

export const SimulationSchema = z
  .strictObject({
    runs: z.number().int().min(1).max(MAX_RUNS).default(1000).describe('Number of Monte Carlo runs.'),
    seed: z
      .union([z.number().int(), z.string().min(1)])
      .default(1)
      .describe('Seed of the random streams. Same scenario + seed = identical outputs.'),
  })
  .describe('Monte Carlo settings; the command line can override both.');

const cellValue = z.union([z.string(), z.number(), z.boolean()]);
export const GroupRowSchema = z
  .object({
    id: id('group').describe('Group id: an ISO 3166 alpha-2 code, or a short name for a segment.'),
    name: z.string().min(1).describe('Name shown in charts and tables.'),
  })
  .catchall(cellValue)
  .describe('One applicant population; any further keys are free columns that formulas can read.');

export const ColumnDocSchema = z
  .strictObject({
    description: z.string().describe('What the column holds.'),
    unit: z.string().optional().describe('Unit, e.g. persons.'),
    source: sourceRef.optional(),
  })
  .describe('Documentation and provenance of a group column.');

export const GroupsSchema = z
  .strictObject({
    from: z
      .string()
      .optional()
      .describe('CSV file (relative to this scenario) with one row per group; needs id and name columns.'),
    rows: z
      .array(GroupRowSchema)
      .optional()
      .describe('Groups given inline; a row whose id is in the CSV overrides that row.'),
    columns: z
      .record(z.string(), ColumnDocSchema)
      .optional()
      .describe('Documentation of the columns, by column name.'),
    derived: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
          message: 'expected a column name of letters, digits and "_"',
        }),
        formula,
      )
      .optional()
      .describe(
        'Columns worked out from the others, in this order, each usable by the next and by every formula: a formula of group columns evaluated per group, which may sum over groups (`region_admissions: total(admissions, region == own(region))`).',
      ),
    source: sourceRef.optional(),
  })
  .describe('The applicant populations (nationalities or segments).');

export const AttributeSchema = z
  .strictObject({
    id: id('attribute').describe(
      'Name of the attribute, usable as a true/false symbol in eligibility rules.',
    ),
    description: z.string().describe('What it means for an applicant to have this attribute.'),
    share: formula.describe(
      "Share (0–1) of each group's applicants who have it: a number or a formula over group columns and parameters.",
    ),
    clamp: clamp('the share formula, from 0 to 1,').optional(),
    source: sourceRef.optional(),
    note: note.optional(),
    assumption: assumption.optional(),
  })
  .describe('A segment attribute held by a share of applicants (returning worker, has a US supporter, ...).');

const normalDist = z.strictObject({
  mean: z.number().describe('Mean of the value.'),
  sd: z.number().min(0).describe('Standard deviation of the value.'),
});
export const ParameterSchema = z
  .strictObject({
    id: id('parameter').describe('Name of the parameter, usable in formulas.'),
    description: z.string().optional().describe('What the parameter means.'),
    value: z.union([z.number(), isoDate]).optional().describe('A fixed value (a number or an ISO date).'),
    normal: normalDist.optional().describe('Normal distribution.'),
    lognormal: normalDist.optional().describe('Lognormal with the given mean and sd of the value itself.'),
    uniform: z.tuple([z.number(), z.number()]).optional().describe('Uniform between [low, high].'),
    triangular: z
      .tuple([z.number(), z.number(), z.number()])
      .optional()
      .describe('Triangular [min, mode, max].'),
    beta: z
      .strictObject({
        a: z.number().positive().describe('First shape parameter.'),
        b: z.number().positive().describe('Second shape parameter.'),
      })
      .optional()
      .describe('Beta(a, b) on 0–1.'),
    choice: z
      .strictObject({
        values: z
          .array(z.union([z.number(), isoDate]))
          .min(1)
          .describe('Possible values (numbers or ISO dates).'),
        weights: z.array(z.number().min(0)).optional().describe('Relative weights; equal when omitted.'),
      })
      .optional()
      .describe('One of several values (e.g. two readings of a legal cutoff date).'),
    source: sourceRef.optional(),
    note: note.optional(),
    assumption: assumption.optional(),
  })
  .describe('A named value, fixed or uncertain; uncertain ones are sampled once per run.');

export const NoiseSchema = z
  .union([
    z.enum(['none', 'poisson']),
    z.strictObject({
      negative_binomial: z
        .strictObject({ dispersion: z.number().positive().describe('Variance = mean + mean² / dispersion.') })
        .describe('Over-dispersed counts.'),
    }),
  ])
  .describe('Random variation of arrivals around the formula: none, poisson, or negative_binomial.');

const profileSchema = z
  .union([z.literal('uniform'), z.array(z.number().min(0)).length(12)])
  .describe('How arrivals spread over the 12 months of the fiscal year (first = first month of the FY).');

export const DemandGroupSchema = z
  .strictObject({
    when: formula.describe(
      'Which groups take this window: a true/false formula over group columns (`id == "VE"`, `region == "Caribbean"`) and segment attributes (`returning_worker`, `id == "MX" and not returning_worker`). The first entry that matches a group — or, when it reads attributes, a segment of a group — gives its window.',
    ),
    from: isoDate
      .optional()
      .describe("These groups' first day of arrivals (instead of the program's `from`)."),
    until: isoDate
      .optional()
      .describe("No arrivals of these groups on or after this day (instead of the program's `until`)."),
    profile: profileSchema
      .optional()
      .describe("These groups' spread over the fiscal year's months (instead of the program's)."),
    source: sourceRef.optional(),
    note: note.optional(),
  })
  .describe(
    "A window and profile of their own for some groups (nationalities that could apply from different days); what an entry leaves out is the program's.",
  );

export const DemandSchema = z
  .strictObject({
    per_year: formula
      .optional()
      .describe(
        'Expected new applicants per group per fiscal year. Symbols: group columns, parameters, `year` (0 for the first fiscal year), `fy` (e.g. 2024), and of the step: `month` (1–12), `today` (its first day, to compare with `date("2023-01-06")`) and `days_open` (days since `from`, or the calendar start).',
      ),
    per_month: formula
      .optional()
      .describe('Expected new applicants per group per month (instead of per_year).'),
    clamp: clamp(
      'the demand formula (per_year or per_month), a count from 0 to 2^24 = 16,777,216 (the largest the outputs hold exactly),',
    ).optional(),
    profile: profileSchema.default('uniform'),
    noise: NoiseSchema.default('poisson'),
    from: isoDate.optional().describe('No arrivals before this date (e.g. when applications opened).'),
    until: isoDate.optional().describe('No arrivals on or after this date.'),
    by_group: z
      .array(DemandGroupSchema)
      .min(1)
      .optional()
      .describe(
        "Windows and profiles of their own for some groups or segments, in order: the first entry whose `when` holds for a group (or a segment of it) gives its `from`, `until` and `profile`; those no entry matches keep the program's. `days_open` counts from the group's own `from` (of its segment that opens first).",
      ),
    source: sourceRef.optional(),
    note: note.optional(),
  })
  .describe('How many new applicants each group sends to this program over time.');

/** Why an applicant was not selected, for `not_selected.rules`. */
export const NOT_SELECTED_REASONS = ['ineligible', 'not_drawn', 'over_limit'] as const;

export const NotSelectedRuleSchema = z
  .strictObject({
    reason: z
      .enum(NOT_SELECTED_REASONS)
      .optional()
      .describe(
        'Why they were not selected: `ineligible` — eligible for no pool of the program in the fiscal year; `over_limit` — a pool they were eligible for still had numbers but could not give them one (a per-group limit, a ceiling, a pace); `not_drawn` — the pools they were eligible for used their numbers (or were not open). Any reason when omitted.',
      ),
    when: formula
      .optional()
      .describe(
        'Which groups the rule is for: a true/false formula over group columns. Every group when omitted.',
      ),
    reapply: share.optional().describe('Share who apply again (the program-level value when omitted).'),
    divert: share.optional().describe('Share who take another route (the program-level value when omitted).'),
    source: sourceRef.optional(),
    note: note.optional(),
    assumption: assumption.optional(),
  })
  .describe(
    'Other shares for those not selected for one reason, or of some groups: the first rule that matches an applicant (reason and groups) gives its shares.',
  );

export const NotSelectedSchema = z
  .strictObject({
    reapply: share
      .default(0)
      .describe('Share of those not selected who apply again (the rest of 1 − reapply − divert leave).'),
    wait: z
      .enum(['step', 'month', 'fiscal-year'])
      .default('fiscal-year')
      .describe('When those who reapply come back: next step, next month, or the next fiscal year.'),
    divert: share
      .default(0)
      .describe('Share of those not selected who take another route (e.g. cross irregularly).'),
    divert_to: id('program')
      .optional()
      .describe(
        'Program whose demand the diverted become (e.g. a returns program). Without it they are only counted.',
      ),
    rules: z
      .array(NotSelectedRuleSchema)
      .min(1)
      .optional()
      .describe(
        'Shares that differ by reason (ineligible, not_drawn, over_limit) or by group, in order: the first rule that matches gives `reapply` and `divert`, the program-level values filling in what it leaves out. `wait` and `divert_to` stay the program’s.',
      ),
  })
  .describe('What happens to applicants who were not selected.');

const capPer = z
  .enum(['fiscal-year', 'half', 'month', 'total'])
  .describe(
    'The period a cap applies to: each fiscal year, each half (Oct–Mar, Apr–Sep), each month, or once in total.',
  );

export const CapSchema = z
  .union([
    count.describe('Visas per fiscal year.'),
    capFormula.describe(
      'Visas per fiscal year as a formula of parameters (`226000 + 160791`, `0.286 * eb_limit`), of sums of group columns (`0.01 * total(population)`), of the year (`year`, `fy`) and of results of the fiscal year before of a program, a fiscal-year pool or a fiscal-year ceiling with an amount (`140000 + unused_before("family")`, `issued_before(id)`), rounded to a whole number; drawn once per run when it reads an uncertain parameter.',
    ),
    z.strictObject({
      amount: z
        .union([count, capFormula])
        .describe(
          'Number of visas: a whole number, or a formula rounded to a whole number — of parameters (drawn once per run when it reads an uncertain one), sums of group columns (`total(population)`), the year (`fy == 2024 ? … : …`) and results of the fiscal year before (`unused_before("family")`).',
        ),
      per: capPer.default('fiscal-year'),
      from: isoDate.optional().describe('For per: total — first day the numbers can be used.'),
      until: isoDate.optional().describe('For per: total — the numbers expire on this day.'),
      source: sourceRef.optional(),
      note: note.optional(),
    }),
  ])
  .describe('How many visas the pool can issue, and per what period.');

export const WindowSchema = z
  .strictObject({
    from: monthDay.describe('First start date of the window (MM-DD).'),
    to: monthDay.describe('Last start date of the window, inclusive (MM-DD).'),
  })
  .describe('A window of start dates within each fiscal year.');

export const TrancheSchema = z
  .strictObject({
    id: id('tranche').describe('Tranche id, used in period labels (FY2024-H1).'),
    cap: count.describe('Numbers in this tranche each fiscal year.'),
    window: WindowSchema,
    source: sourceRef.optional(),
    note: note.optional(),
  })
  .describe('A slice of the pool tied to a start-date window within the fiscal year.');

const method = z.enum(['lottery', 'fcfs', 'uscis', 'queue', 'pro-rata']);
export const SelectSchema = z
  .union([
    method.describe(
      "lottery: uniform draw among the period's eligible applicants; fcfs: first come first served; uscis: fcfs with a random draw on the final receipt date (or among the first days); queue: oldest filing first, across periods; pro-rata: everyone gets the same share.",
    ),
    z.strictObject({
      method: z.literal('weighted-lottery').describe('A lottery in which applicants have different chances.'),
      weight: formula.describe(
        'Relative chance of each applicant (formula over group columns and attributes).',
      ),
    }),
    z.strictObject({
      method: z
        .literal('uscis')
        .describe('First come, first served with the USCIS random draw on the final receipt date.'),
      first_days: z
        .number()
        .int()
        .min(1)
        .max(31)
        .default(5)
        .describe(
          'If the cap is reached within this many calendar days of opening, draw among all received in them (the cap is then reached on the last of them). The rule says five business days: usually seven calendar days.',
        ),
    }),
    z.strictObject({
      method: z.literal('mix').describe('Several methods, each for a share of the numbers.'),
      parts: z
        .array(
          z.strictObject({
            method: z.enum(['lottery', 'fcfs', 'queue']).describe('Method for this part.'),
            share: share.describe('Share of the numbers allocated this way.'),
          }),
        )
        .min(2)
        .describe('Parts applied in order, each to a share of the numbers (CHNV: half queue, half lottery).'),
    }),
  ])
  .describe('How applicants are chosen when eligible demand exceeds the numbers available.');

export const SplitSchema = z
  .strictObject({
    by: z
      .string()
      .min(1)
      .describe("Group column (or formula) whose values set each group's share of the cap."),
    method: z
      .enum(['largest-remainder', 'dhondt', 'jefferson', 'sainte-lague'])
      .default('largest-remainder')
      .describe('Apportionment method; the parts always sum exactly to the cap (ties broken by group id).'),
    within: z
      .string()
      .min(1)
      .optional()
      .describe(
        "A two-level split (region, then the countries in it): a group column whose values are the first level. The numbers are apportioned first among its values, each by the sum of `by` over its eligible groups, then each value's part among its groups by `by`, so every value's part is exact (DV: `by: dv_weight, within: region`).",
      ),
    resplit: z
      .boolean()
      .default(false)
      .describe(
        'Re-split what a group cannot use among the groups still short (by `by`, over all groups), until nothing moves. Works with every selection method: a lottery re-splits before its draw, a method that selects at every step at the last step of its period.',
      ),
    source: sourceRef.optional(),
  })
  .describe(
    'Divide the cap among the eligible groups in proportion to a column, in one level or two (`within`).',
  );

export const LimitSchema = z
  .strictObject({
    share: share.optional().describe("Per-group limit as a share of the pool's cap (INA 202(a)(2): 0.07)."),
    amount: count.optional().describe('Per-group limit as a number.'),
    rounding: z
      .enum(['nearest', 'floor'])
      .default('nearest')
      .describe('How a share limit is rounded to whole visas.'),
    source: sourceRef.optional(),
  })
  .describe(
    'The most any one group may receive from this pool in a period. For a limit that is a formula (each group its own, or of uncertain parameters), write a ceiling over this pool with `per_group.amount`.',
  );

export const PaceSchema = z
  .strictObject({
    per: z
      .enum(['month', 'quarter'])
      .describe('How often a further slice of the period’s numbers becomes usable.'),
    share: share
      .optional()
      .describe(
        "Share of the period's numbers usable in each month or quarter, cumulative (INA 201(a)(2): at most 27% a quarter in the first three quarters). What a month or quarter does not use stays usable later.",
      ),
    amount: count
      .optional()
      .describe(
        'Numbers usable in each month or quarter instead of a share, cumulative: a throughput (2,000 a month) under a cap, e.g. a total one.',
      ),
    source: sourceRef.optional(),
    note: note.optional(),
  })
  .describe(
    'A throughput under the period’s cap: a pool that selects at each step (fcfs, uscis, queue, mix) may use by the end of its k-th month or quarter at most k × share of its numbers (or k × amount). Give share or amount.',
  );

export const UnusedSchema = z
  .union([
    z
      .enum(['lapse', 'roll', 'carry'])
      .describe(
        'lapse: unused numbers are lost at the end of the period; roll: they go to the next tranche of this pool in the same fiscal year; carry: they are added to this pool in the next period.',
      ),
    z.strictObject({
      spill: id('pool').describe('Pool that receives the unused numbers at the end of the period.'),
    }),
  ])
  .describe('What happens to numbers a pool leaves unused at the end of a period.');

export const PoolSchema = z
  .strictObject({
    id: id('pool'),
    title: z.string().optional().describe('Name shown in reports.'),
    description: z.string().optional().describe('Plain-language description.'),
    cap: CapSchema.optional(),
    tranches: z
      .array(TrancheSchema)
      .min(1)
      .optional()
      .describe('Start-date tranches within each fiscal year (instead of cap).'),
    window: WindowSchema.optional().describe(
      'Only applicants whose start date falls in this window each fiscal year can use the pool.',
    ),
    from: isoDate
      .optional()
      .describe(
        'The day the pool comes into force (as a ceiling’s `from`): it selects no one before. A rule that changes on a date is two pools, the second from the day the first ends, drawing on one ceiling when they share numbers.',
      ),
    until: isoDate
      .optional()
      .describe(
        'The pool is no longer in force from this day: its period ends then, and its unused numbers follow `unused`.',
      ),
    opens_after: z
      .union([
        id('pool').describe('The pool opens only once this other pool has filled in the same fiscal year.'),
        z
          .strictObject({
            pool: id('pool').describe('The pool that must fill first, in the same fiscal year.'),
            tranche: id('tranche')
              .optional()
              .describe(
                "Only when this tranche (or half: H1, H2) of it fills (the FY2026 rule: the second half's cap).",
              ),
            lag_days: z
              .number()
              .int()
              .min(0)
              .max(366)
              .default(0)
              .describe('Days after it fills (the FY2026 rule: up to 14).'),
          })
          .describe('The pool opens a number of days after another pool, or one of its tranches, fills.'),
      ])
      .optional()
      .describe(
        'The pool opens only once another pool has filled in the same fiscal year (optionally one tranche, and after a lag).',
      ),
    eligible: formula
      .optional()
      .describe('Who may use the pool: a true/false formula over group columns, attributes and parameters.'),
    split: SplitSchema.optional(),
    limit_per_group: LimitSchema.optional(),
    pace: PaceSchema.optional(),
    select: SelectSchema.default('lottery'),
    unused: UnusedSchema.default('lapse'),
    source: sourceRef.optional(),
    note: note.optional(),
  })
  .describe('A numbered slice of a program with its own cap, eligibility and selection.');

export const FallDownSchema = z
  .strictObject({
    from: z
      .union([id('pool'), z.array(id('pool')).min(1)])
      .describe('Pool (or pools) whose unused numbers fall down at the end of each period.'),
    to: id('pool').describe(
      'Pool of the same program that receives them in the same period and draws again.',
    ),
    note: note.optional(),
  })
  .describe('One step of fall-down: unused numbers of `from` go to `to` within the same period.');

/** Whole persons carried by one application: at least 1. */
const personsCount = z.number().int().min(1);

export const UnitsSchema = z
  .strictObject({
    carries: z
      .string()
      .regex(/^[a-z][a-z -]*$/, { message: 'expected a plural noun in lower case, e.g. "workers"' })
      .default('persons')
      .describe(
        'What one application carries, as a plural noun for the outputs and `explain` (e.g. "workers", "beneficiaries").',
      ),
    size: z
      .union([
        z
          .string()
          .min(1)
          .describe(
            'A group column (or a formula of group columns): every application of the group carries this many (a whole number ≥ 1).',
          ),
        z
          .strictObject({
            values: z
              .array(personsCount)
              .min(1)
              .max(32)
              .describe('The sizes an application can have (whole numbers ≥ 1, at most 32 of them).'),
            weights: z
              .array(formula)
              .min(1)
              .describe(
                'Relative frequency of each size, one per value: a number, or a formula of group columns evaluated per group.',
              ),
            source: sourceRef.optional(),
            note: note.optional(),
            assumption: assumption.optional(),
          })
          .describe('A distribution of sizes: each new application draws its size from it.'),
      ])
      .describe('How many each application carries: a group column, or a distribution of sizes.'),
    caps_count: z
      .enum(['persons', 'applications'])
      .default('persons')
      .describe(
        "What the program's caps, limits and ceilings count: the persons applications carry (the H-2B cap counts workers), or the applications themselves. Every standard metric of the program counts the same unit.",
      ),
    crossing: z
      .enum(['skip', 'admit'])
      .default('skip')
      .describe(
        'When caps count persons, the application that would take a cap past its numbers: `skip` — not selected (the cap is never exceeded; later, smaller applications may still fit); `admit` — selected whole, and the cap is exceeded by part of it.',
      ),
    source: sourceRef.optional(),
    note: note.optional(),
  })
  .describe(
    'Applications that carry several persons (a petition naming many workers). Each application is selected whole by every method.',
  );

export const InventoryRowSchema = z
  .strictObject({
    group: z.string().min(1).describe('Group (country of chargeability) of these applicants.'),
    pool: id('pool').describe('Pool (preference category) they wait for.'),
    priority_date: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected a month YYYY-MM, e.g. 2013-07' })
      .describe('Month of their priority date (when they filed), YYYY-MM, before the calendar starts.'),
    count: z.number().min(0).describe('How many are waiting (principals or persons, as `counts` says).'),
  })
  .describe('Applicants already waiting when the simulation starts, with one priority-date month.');

export const InventorySchema = z
  .strictObject({
    counts: z
      .enum(['persons', 'principals'])
      .default('persons')
      .describe(
        'Whether `count` is persons (principals with their spouses and children, who all need numbers) or principals only.',
      ),
    per_principal: z
      .number()
      .min(1)
      .optional()
      .describe(
        'Persons per principal (the derivative ratio, about 2 for EB-2), to turn principals into the persons the caps count. Needed when counts: principals.',
      ),
    from: z
      .string()
      .min(1)
      .optional()
      .describe(
        'CSV file with the waiting list (relative to this scenario file): a header `group,pool,priority_date,count`, then one row per group, pool and priority-date month (YYYY-MM); `#` lines are comments (cite the figures there). Instead of `rows`.',
      ),
    rows: z
      .array(InventoryRowSchema)
      .min(1)
      .default([])
      .describe('The waiting list, by group, pool and priority-date month (or a CSV: `from`).'),
    source: sourceRef.optional(),
    note: note.optional(),
    assumption: assumption.optional(),
  })
  .describe(
    'A backlog at the start: applicants waiting with their priority dates. A queue serves them in order, oldest first, before anyone who files later; the program then reports final action dates (cut-off dates) for its queue pools.',
  );

export const StageSchema = z
  .strictObject({
    id: id('stage'),
    title: z.string().optional().describe('Name shown in reports ("arrived and paroled").'),
    rate: z
      .union([share, capFormula])
      .describe(
        'Share of those at the stage before (the first stage: those selected) who reach this one: a number from 0 to 1, or a formula of parameters (drawn once per run when uncertain).',
      ),
    clamp: clamp('the rate formula, a share from 0 to 1,').optional(),
    lag_months: z
      .number()
      .int()
      .min(0)
      .max(120)
      .default(0)
      .describe('Whole months between the stage before and this one (0: the same month).'),
    flow_to: id('program')
      .optional()
      .describe(
        'Program whose applicants those who reach this stage become (DV selectees applying for visas).',
      ),
    source: sourceRef.optional(),
    note: note.optional(),
    assumption: assumption.optional(),
  })
  .describe(
    'A stage after selection (authorized → travelled → arrived), with the share that reaches it and the lag.',
  );

export const ReceiptClockSchema = z
  .strictObject({
    lead_days: z
      .union([z.number().min(0).max(366), capFormula])
      .describe(
        'Days between an application’s receipt (its filing date, the clock on which USCIS counts a cap as reached) and its start date (the clock of `window`, tranches and halves): a number, or a formula of parameters drawn once per run when uncertain.',
      ),
    source: sourceRef.optional(),
    note: note.optional(),
    assumption: assumption.optional(),
  })
  .describe(
    'A second clock: applications are received (filed) `lead_days` before their start date. Periods, windows and tranches stay on the start-date clock; each pool also reports the day its cap was reached on the receipt clock (`days_to_fill_receipt`).',
  );

export const ProgramSchema = z
  .strictObject({
    id: id('program'),
    title: z.string().min(1).describe('Name of the measure.'),
    description: z.string().optional().describe('Plain-language description.'),
    status: StatusSchema.optional(),
    cap: count
      .optional()
      .describe("Total numbers of the program per period of its pools; the pools' caps may not exceed it."),
    demand: DemandSchema.optional(),
    units: UnitsSchema.optional(),
    receipt_clock: ReceiptClockSchema.optional(),
    inventory: InventorySchema.optional(),
    stages: z
      .array(StageSchema)
      .min(1)
      .optional()
      .describe(
        'What happens after selection, in order: each stage is reached by a share of the stage before, after a lag; its rows report how many reached it (pool `stage:<id>`, metric `reached`).',
      ),
    not_selected: NotSelectedSchema.optional(),
    pools: z
      .array(PoolSchema)
      .min(1)
      .describe('The pools, tried in this order by an applicant eligible for several.'),
    fall_down: z
      .array(FallDownSchema)
      .optional()
      .describe(
        "Fall-down of unused numbers within the same period, in this order (INA 203(b): EB-4 and EB-5 to EB-1, EB-1 to EB-2, EB-2 to EB-3). Repeated until nothing moves, so loops (F4 back to F1) are allowed; numbers no pool can use then follow the last pool's `unused` rule.",
      ),
    source: sourceRef.optional(),
    note: note.optional(),
  })
  .describe('An announced measure: its applicants and the pools that hand out its numbers.');

export const CeilingGroupRateSchema = z
  .strictObject({
    when: formula.describe(
      'Which groups take this rate: a true/false formula over group columns (e.g. `dependent_area`). The first class that matches a group gives its rate.',
    ),
    share: share
      .optional()
      .describe('Per-group limit for these groups as a share of the base (INA 202(a)(2): 0.02).'),
    amount: z
      .union([count, capFormula])
      .optional()
      .describe(
        "Per-group limit for these groups as a number, or a formula of group columns and parameters (each group's own limit, rounded to a whole number; drawn once per run when it reads an uncertain parameter).",
      ),
  })
  .describe('A class of groups with its own per-group rate (a dependent area beside independent states).');

export const CeilingExemptSchema = z
  .strictObject({
    pool: id('pool').describe('Member pool whose numbers are partly exempt.'),
    share: share.describe(
      "Share of the pool's numbers that do not count against the per-group limit (INA 202(a)(4): 0.75 of F2A).",
    ),
  })
  .describe('Numbers of one member pool that the per-group limit does not count.');

export const CeilingPerGroupSchema = z
  .strictObject({
    share: share
      .optional()
      .describe(
        'Per-group limit as a share of the base (INA 202(a)(2): 0.07 of the family and employment limits).',
      ),
    amount: z
      .union([count, capFormula])
      .optional()
      .describe(
        "Per-group limit as a number, or a formula of group columns and parameters (each group's own limit, e.g. `0.5 * quota`, rounded to a whole number; drawn once per run when it reads an uncertain parameter).",
      ),
    of: z
      .enum(['amount', 'pools'])
      .optional()
      .describe(
        "Base of a share: the ceiling's own amount, or the numbers of its member pools in the period (the default when the ceiling gives no amount).",
      ),
    classes: z
      .array(CeilingGroupRateSchema)
      .optional()
      .describe('Other rates for classes of groups, tried in order; groups in no class take the rate above.'),
    exempt: z
      .array(CeilingExemptSchema)
      .optional()
      .describe('Member pools whose numbers partly do not count.'),
    rounding: z
      .enum(['nearest', 'floor'])
      .default('nearest')
      .describe(
        'How a share limit is rounded to whole numbers (the State Department rounds to the nearest).',
      ),
    prorate: z
      .array(z.string().min(1))
      .optional()
      .describe(
        "Groups whose limit is prorated across the member pools (INA 202(e), the oversubscribed states): each member pool may give such a group at most the group's limit times the pool's share of the member pools' numbers in the period.",
      ),
    lift_when_unused: z
      .union([z.boolean(), z.literal('quarter')])
      .default(false)
      .describe(
        "Numbers the member pools would otherwise leave unused go to applicants held back only by this per-group limit (INA 202(a)(3) and (a)(5)): the pools draw again without it. `true`: at the end of each pool's period. `quarter`: also at the end of each calendar quarter (INA 202(a)(3)), for member pools that select at every step (fcfs, uscis, queue, mix) — with a `pace` per quarter, the quarter's numbers are what the pace allows by then.",
      ),
  })
  .describe('The most any one group may receive from all member pools together in a period.');

export const CeilingSchema = z
  .strictObject({
    id: id('ceiling'),
    title: z.string().optional().describe('Name shown in reports.'),
    description: z.string().optional().describe('Plain-language description.'),
    pools: z
      .array(id('pool'))
      .min(1)
      .describe('Pools (of any programs) whose numbers count against this ceiling.'),
    amount: z
      .union([count, capFormula])
      .optional()
      .describe(
        'Numbers all member pools together may issue in a period: a whole number, or a formula of parameters rounded to one (drawn once per run when it reads an uncertain parameter).',
      ),
    per: z
      .enum(['fiscal-year', 'month', 'total'])
      .default('fiscal-year')
      .describe('The period the ceiling applies to: each fiscal year, each month, or once over its dates.'),
    from: isoDate.optional().describe('First day the ceiling is in force (88 FR 1279: 2023-01-09).'),
    until: isoDate.optional().describe('The ceiling is no longer in force from this day.'),
    per_group: CeilingPerGroupSchema.optional(),
    share: z
      .enum(['in_order', 'by_demand'])
      .optional()
      .describe(
        "How the ceiling's numbers are shared among member pools that select in the same step. `in_order` (the default): the pools take from it in the order they select (programs in file order, then pools), the first taking what it can. `by_demand`: at each step, the numbers the ceiling still has are divided among the member pools that select in that step in proportion to the applicants each has eligible and waiting (largest remainder, ties to the pool listed first); each pool selects within its part, and what a pool does not use of its part goes to the others in a second pass, in pool order, so no number someone waits for lapses. A mix shares its pool's part among its parts by their shares. Needs an `amount` and at least two member pools, all of one program.",
      ),
    source: sourceRef.optional(),
    note: note.optional(),
  })
  .describe(
    'A limit that several pools draw on together: a total per period, a per-group limit (a per-country limit), or both. Every selection method respects it.',
  );

export const SeriesSchema = z
  .strictObject({
    id: id('series'),
    title: z.string().optional().describe('Name shown in reports ("Bracero contracts, 1942–1964").'),
    description: z.string().optional().describe('Plain-language description.'),
    from: z
      .string()
      .min(1)
      .optional()
      .describe(
        'CSV file with the table (relative to this scenario file). Its first column names the period kind: `year` (1942), `fiscal_year` (FY2024) or `month` (2024-01), one row per period, consecutive and oldest first; then one column of numbers per value (or per group, with `by: group`). `#` lines are comments (cite the figures there). Instead of `rows`.',
      ),
    rows: z
      .array(z.record(z.string(), z.union([z.number(), z.string()])))
      .default([])
      .describe(
        'The table inline, one object per period: `{ fiscal_year: FY2024, arrivals: 1200 }` (or a CSV: `from`).',
      ),
    by: z
      .enum(['column', 'group'])
      .default('column')
      .describe(
        'What the value columns are: named values (`column`, the default), or group ids (`group`): then `series("id")` in a formula evaluated per group reads that group\'s column.',
      ),
    reference: z
      .boolean()
      .default(false)
      .describe(
        'Observed values not used by the simulation: written to reference.csv, drawn beside the simulated values, and read by checks (`at_least: { series: id, stat: max }`). May lie outside the calendar.',
      ),
    beside: z
      .strictObject({
        program: id('program').describe('Program whose results are drawn beside the reference.'),
        pool: id('pool')
          .optional()
          .describe("A pool of the program whose values are drawn; the program's total when omitted."),
        metric: z
          .string()
          .min(1)
          .default('issued')
          .describe('Metric drawn, per fiscal year (issued, applicants, …).'),
      })
      .optional()
      .describe(
        'The simulated values, per fiscal year, that the reference chart draws beside a reference series.',
      ),
    unit: z.string().optional().describe('What the values count (contracts, persons, …).'),
    source: sourceRef.optional(),
    note: note.optional(),
    assumption: assumption.optional(),
  })
  .describe(
    'A per-period table (historical values or projections) that formulas look up with `series("id")`, or a reference drawn beside the results.',
  );

/** A check's bound taken from a series: a value or a statistic of its table. */
export const SeriesBoundSchema = z
  .strictObject({
    series: id('series').describe('The series (usually a reference) whose values give the bound.'),
    column: z.string().optional().describe('Its column; needed when it has several.'),
    period: z
      .union([z.string(), z.number()])
      .optional()
      .describe(
        'The period whose value is the bound (1956, FY2024, 2024-01); with neither period nor stat, the value at each period checked.',
      ),
    stat: z
      .enum(['min', 'max', 'mean', 'median', 'sum'])
      .optional()
      .describe('A statistic over the whole table instead of one period.'),
  })
  .describe(
    'A bound read from a series: `{ series: bracero, stat: max }`, `{ series: bracero, period: 1956 }`.',
  );

/**
 * A check's bound: a number, or an ISO date for a date metric — final_action_date, and the day a
 * cap was reached (days_to_fill, days_to_fill_receipt: then compared as the period's start plus the
 * run's days) — or a value read from a series (`{ series: bracero, stat: max }`).
 */
const checkValue = z
  .union([z.number(), isoDate, SeriesBoundSchema])
  .describe(
    'A number, an ISO date (YYYY-MM-DD) for final_action_date and for the day a cap was reached (days_to_fill, days_to_fill_receipt, of one pool), or a value of a series.',
  );

export const CheckSchema = z
  .strictObject({
    id: id('check').optional(),
    description: z.string().min(1).describe('The published fact this check pins, in words.'),
    metric: z.string().min(1).describe('Metric to read (cap, issued, unused, ...).'),
    program: id('program').optional().describe('Program whose results are read (give program or ceiling).'),
    ceiling: id('ceiling')
      .optional()
      .describe("Ceiling whose results are read instead of a program's (cap, issued, unused)."),
    pools: z
      .array(id('pool'))
      .optional()
      .describe('Pools whose values are added; all pools of the program when omitted.'),
    stage: id('stage')
      .optional()
      .describe(
        "A stage after selection of the program, whose `reached` is read instead of the program's rows.",
      ),
    group: z.string().optional().describe('Group id; all groups when omitted.'),
    period: z
      .string()
      .optional()
      .describe('Period label (FY2024, FY2024-H1, 2023-01); the whole horizon when omitted.'),
    every_period: z
      .boolean()
      .optional()
      .describe('Check the value in every period of the pools (e.g. every month).'),
    periods: z
      .strictObject({
        from: z.string().min(1).describe('First period of the range (a label: FY2024, 2023-01).'),
        to: z.string().min(1).describe('Last period of the range, included.'),
        over: z
          .enum(['sum', 'mean'])
          .default('sum')
          .describe('Compare the sum of the range (the default) or its mean per period.'),
      })
      .optional()
      .describe('Check the sum (or mean) over a range of periods, run by run (January–June 2023).'),
    stat: z
      .enum(['min', 'max', 'mean', 'p05', 'p50', 'p95'])
      .optional()
      .describe(
        'Statistic across runs to compare; equals/at_most/at_least check min and max (every run) when omitted.',
      ),
    within: z
      .number()
      .min(0)
      .optional()
      .describe(
        'With `equals`: how far, as a share of the bound, the value may be from it (0.1: within 10%).',
      ),
    equals: checkValue.optional().describe('The value must equal this.'),
    at_most: checkValue.optional().describe('The value may not exceed this.'),
    at_least: checkValue.optional().describe('The value may not fall below this.'),
    source: sourceRef.optional(),
  })
  .describe(
    "An expectation on the scenario's own results; `visasim check` fails (exit 3) when it does not hold.",
  );

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema location (ignored).'),
    extends: z
      .string()
      .optional()
      .describe('Base scenario file (relative to this one) that this file overrides.'),
    id: id('scenario'),
    title: z.string().min(1).describe('Title a journalist understands.'),
    description: z.string().optional().describe('What the measure is and what this scenario assumes.'),
    status: StatusSchema,
    sources: z.array(SourceSchema).default([]).describe('Documents cited by this scenario.'),
    calendar: CalendarSchema,
    simulation: SimulationSchema.default({ runs: 1000, seed: 1 }),
    groups: GroupsSchema,
    attributes: z
      .array(AttributeSchema)
      .default([])
      .describe('Segment attributes held by shares of applicants.'),
    parameters: z.array(ParameterSchema).default([]).describe('Named values, fixed or uncertain.'),
    programs: z.array(ProgramSchema).min(1).describe('The measures simulated.'),
    ceilings: z
      .array(CeilingSchema)
      .default([])
      .describe(
        'Limits shared by several pools, across programs (per-country limits, a monthly ceiling over two processes).',
      ),
    series: z
      .array(SeriesSchema)
      .default([])
      .describe(
        'Per-period tables that formulas look up (`series("id")`), or references drawn beside the results.',
      ),
    checks: z.array(CheckSchema).default([]).describe('Published numbers the results must reproduce.'),
  })
  .describe(
    'A visasim scenario: quotas, pools, eligibility, selection and demand of announced visa programs.',
  );

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Scenario = z.output<typeof ScenarioSchema>;
export type Program = Scenario['programs'][number];
export type Pool = Program['pools'][number];
export type Parameter = Scenario['parameters'][number];
export type Attribute = Scenario['attributes'][number];
export type Source = Scenario['sources'][number];
export type Check = Scenario['checks'][number];
export type Ceiling = Scenario['ceilings'][number];
export type Select = Pool['select'];
export type GroupRow = z.output<typeof GroupRowSchema>;
export type Series = Scenario['series'][number];
export type SeriesBound = z.output<typeof SeriesBoundSchema>;

/** The JSON Schema that editors use (`# yaml-language-server: $schema=...`). */
export function scenarioJsonSchema(): object {
  const full = z.toJSONSchema(ScenarioSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema, description, ...body } = full;
  // A file with `extends` holds only overrides: nothing is required but list items' ids, a key may
  // be null (removal), and a list item may be `{ id: x, $remove: true }` (see scenario/merge.ts).
  const overrides = overridesOf(body) as Record<string, unknown>;
  delete overrides.required; // even the scenario's id may come from the base
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a thenable
  return { $schema, description, if: { required: ['extends'] }, then: overrides, else: body };
}

function overridesOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(overridesOf);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) out[k] = overridesOf(v);
  const props = out.properties as Record<string, unknown> | undefined;
  if (props) {
    const required =
      Array.isArray(out.required) && out.required.includes('id') && 'id' in props ? ['id'] : undefined;
    if (required) out.required = required;
    else delete out.required;
    for (const [k, v] of Object.entries(props))
      props[k] = {
        anyOf: [v, { type: 'null' }],
        ...(typeof (v as { description?: unknown }).description === 'string'
          ? { description: (v as { description: string }).description }
          : {}),
      };
    if ('id' in props)
      props.$remove = {
        type: 'boolean',
        description: 'true removes the item with this id from the base scenario.',
      };
  }
  return out;
}
