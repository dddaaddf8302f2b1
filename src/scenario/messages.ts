/**
 * Every sentence the scenario stage shows a user. Tests compare against these functions, so the
 * wording lives in one place. Messages start lower-case and carry no trailing period; they follow
 * `FILE:LINE:COL: error: PATH: ` when printed.
 */
/** `msg.nearest`: the scenario stage's "did you mean" (core/names.ts). */
export { nearest } from '../core/names.js';

const q = (s: string | number): string => JSON.stringify(String(s));
const MAX_LISTED = 20;

/** A list of names for a message: `a, b, c` (at most 20, then "…"). */
export function listNames(names: readonly (string | number)[]): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, MAX_LISTED).map(String).join(', ');
  return names.length > MAX_LISTED ? `${shown}, … (${names.length} in all)` : shown;
}

/** How a found value reads in a message: `"20k"`, `1.5`, `an empty value`, `a map`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return v.length > 60 ? `${JSON.stringify(v.slice(0, 57))}…` : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v))
    return v.length === 0 ? 'an empty list' : `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return 'a map';
  return typeof v;
}

const didYouMean = (s: string | undefined): string => (s === undefined ? '' : `; did you mean ${q(s)}?`);

// ── reading files ────────────────────────────────────────────────────────────────────────────

export const fileNotFound = (file: string) => `cannot read ${file}: no such file`;
export const notAFile = (file: string) => `cannot read ${file}: it is a folder, not a file`;
export const readFailed = (file: string, reason: string) => `cannot read ${file}: ${reason}`;
export const fileTooLarge = (file: string, bytes: number, limit: number, kind: 'scenario' | 'data') =>
  `${file} is ${(bytes / 1048576).toFixed(1)} MB; ${kind} files may be at most ${limit / 1048576} MB`;
export const namedFileUnreadable = (key: string, target: string, reason: string) =>
  `${key} names ${target}, which cannot be read: ${reason}`;
export const reasonNotFound = 'no such file';
export const reasonFolder = 'it is a folder, not a file';
export const reasonNotRegular = 'it is not a regular file (a pipe, device or socket)';
export const reasonBinary = 'it is not a text file (it holds NUL bytes)';
export const reasonOutside = (roots: readonly string[]) =>
  `it lies outside the scenario's own folder and the installed scenarios (${roots.join(', ')}), after symbolic links; pass --allow-any-path to read it`;
export const extendsChain = (chain: readonly string[]) => `extends chain: ${chain.join(' → ')}`;
export const extendsCycle = (chain: readonly string[]) => `extends makes a cycle: ${chain.join(' → ')}`;
export const extendsTooDeep = (limit: number) => `extends goes more than ${limit} files deep`;
export const emptyDocument = () =>
  'the file is empty; a scenario is a map of keys such as id, title, calendar, groups and programs';
export const topLevelNotMap = (found: string) => `expected a map of keys at the top level, found ${found}`;

// ── YAML ─────────────────────────────────────────────────────────────────────────────────────

export const yamlSyntax = (message: string) =>
  `YAML syntax: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
export const secondDocument = () =>
  'a second YAML document starts here (after "---"); a scenario file holds one document: remove the "---" line, or put the second scenario in a file of its own';
export const tabIndent = () => 'tab used for indentation; YAML indents with spaces only';
export const duplicateKey = (key: string, firstLine: number) =>
  `duplicate key ${q(key)} (first defined on line ${firstLine}); a key may appear once in a map`;
export const nonScalarKey = () => 'a key must be a plain name, not a list or a map';
export const unsupportedTag = (tag: string) =>
  `unsupported YAML tag ${tag}; scenario files use plain values (dates are written as text: 2024-10-01)`;
export const aliasLimit = (limit: number) =>
  `aliases expand to too much data (more than ${limit} alias uses); refusing a possible "billion laughs" document`;
export const recursiveAlias = () => 'an alias refers to a node that contains it; the value would never end';
export const tooDeep = (limit: number) => `maps and lists nest more than ${limit} levels deep`;
export const unresolvedAlias = (name: string) => `alias *${name} refers to no anchor defined before it`;

// ── schema ───────────────────────────────────────────────────────────────────────────────────

export const unknownKey = (key: string, suggestion?: string, valid?: readonly string[]) =>
  `unknown key ${q(key)}${suggestion !== undefined ? didYouMean(suggestion) : valid ? `; valid keys here: ${listNames(valid)}` : ''}`;
export const missingKey = (key: string | number, expected: string) =>
  `missing required key ${q(key)} (${expected})`;
export const wrongType = (expected: string, found: string) => `expected ${expected}, found ${found}`;
export const notOneOf = (values: readonly (string | number)[], found: string, suggestion?: string) =>
  `expected one of ${values.map(q).join(', ')}, found ${found}${didYouMean(suggestion)}`;
export const removeNeedsBase = () =>
  '"$remove" only removes a list item that a base file (extends) or the groups CSV defines';

export const hintYaml11Boolean = (word: string, value: boolean) =>
  `YAML 1.2 reads ${word} as text, not as a boolean; write ${value}`;
export const hintDateNotNumber = () => 'this looks like a date, but a number is needed here';
/** the schema's refusal of a cap formula that is only a formatted number (schema-issues.ts rewords it) */
export const numberAsTextIssue = 'a number written as text';
export const hintNumberAsText = (example: string) =>
  `numbers are written without separators, units or quotes, e.g. ${example}`;
export const hintFullDate = () => 'write a full ISO date, e.g. 2024-10-01';
export const hintRunsLimit = (limit: number) =>
  `at most ${limit} runs per invocation; split a larger study into shards`;

// ── --set ────────────────────────────────────────────────────────────────────────────────────

export const setSyntax = () =>
  'expected PATH=VALUE, e.g. --set simulation.runs=100 or --set programs.work-visas.pools.mexico.cap=100000';
export const setExtends = () => 'extends cannot be changed with --set; name the base file in the scenario';
export const setNotContainer = (path: string, found: string) =>
  `cannot set a key inside ${path}: it is ${found}, not a map or a list`;
export const setIndexRange = (index: number, length: number) =>
  `index ${index} is past the end of a list of ${length} item${length === 1 ? '' : 's'}`;

// ── references and ids ──────────────────────────────────────────────────────────────────────

export const unknownReference = (
  kind: string,
  name: string,
  suggestion: string | undefined,
  known: readonly string[],
) => `unknown ${kind} ${q(name)}${didYouMean(suggestion)} (${kind}s: ${listNames(known)})`;
export const noItemWithId = (
  list: string,
  id: string,
  suggestion: string | undefined,
  known: readonly string[],
) => `no item with id ${q(id)} in ${list}${didYouMean(suggestion)} (ids: ${listNames(known)})`;
export const duplicateId = (kind: string, id: string, first: string) =>
  `${kind} id ${q(id)} is used twice (first at ${first}); ids must be unique`;
export const selfReference = (what: string, id: string) => `pool ${q(id)} cannot ${what} itself`;
export const nameClash = (name: string, a: string, b: string) =>
  `${q(name)} is both ${a} and ${b}; formulas could not tell them apart`;
export const reservedName = (name: string) =>
  `${q(name)} is a name formulas already use (year, fy, id, name, true, false and the functions); choose another`;

// ── groups and CSV ──────────────────────────────────────────────────────────────────────────

export const noGroups = () => 'no groups: give groups.from (a CSV file) or groups.rows';
export const fromAndRows = () => 'give the rows either in a CSV (`from`) or inline (`rows`), not both';
export const csvNoHeaderData = () => 'the CSV file has no header row';
export const csvNoHeader = () => 'the CSV file has no header row (it needs at least the columns id and name)';
export const csvMissingColumn = (column: string) =>
  `the CSV header has no ${q(column)} column (id and name are required)`;
export const csvDuplicateColumn = (column: string) => `column ${q(column)} appears twice in the CSV header`;
export const csvEmptyColumnName = () => 'a CSV header cell is empty; every column needs a name';
export const csvRagged = (found: number, expected: number) =>
  `this row has ${found} cells, but the header has ${expected}`;
export const csvMissingId = () => 'this row has no id';
export const csvDuplicateId = (id: string, firstLine: number) =>
  `group id ${q(id)} appears twice (first on line ${firstLine})`;
export const csvParse = (message: string) => `CSV syntax: ${message}`;
export const csvUnclosedQuote = () =>
  'CSV syntax: this quote is never closed, so the rest of the file reads as one cell; close it with another " (write "" for a quote inside a quoted cell)';

// ── numbers, dates and windows ──────────────────────────────────────────────────────────────

export const uncappedPoolUnused = (ceiling: string) =>
  `this pool has no cap of its own (it draws on ceiling ${q(ceiling)}), so it has no unused numbers to pass on; the ceiling's unused numbers lapse`;
export const listNameNotGroup = (name: string, near: string) =>
  `${q(name)} is not a group of this scenario; did you mean ${q(near)}? (names in oneOf need not be groups)`;
export const unitsSizeBad = (group: string, found: string) =>
  `group ${q(group)}: an application carries a whole number of at least 1, found ${found}`;
export const unitsWeightsLength = (values: number, weights: number) =>
  `size has ${values} value${values === 1 ? '' : 's'} but ${weights} weight${weights === 1 ? '' : 's'}; give one weight per value`;
export const unitsWeightsZero = (group: string) => `group ${q(group)}: the size weights add up to 0`;
export const unitsCrossingNeedsPersons = () =>
  'crossing only applies when the caps count persons (caps_count: persons); with caps_count: applications no application can cross a cap';
export const ceilingMixesUnits = (ceiling: string, a: string, b: string) =>
  `ceiling ${q(ceiling)} spans programs whose caps count different things (${a}); a ceiling counts one unit — give both programs the same caps_count, or use two ceilings (${b})`;
export const checkStagePools = () => 'a check reads a stage or pools of the program, not both';
export const checkStageMetric = (metric: string) =>
  `a stage reports only "reached" (how many reached it), not "${metric}"`;
export const atParameterEdge = (parameter: string, value: number, problem: string) =>
  `with ${parameter} at ${Number(value.toPrecision(6))}, the edge of its range (runs draw it there or near it): ${problem}`;
export const clampHint =
  'keep the formula in range for every draw (max, min), or, if values outside should be clamped to the range, write clamp: true beside it (the runs it clamps are counted in manifest.json and the report)';
export const paceNeedsStepMethod = (method: string) =>
  `pace spreads numbers over a period for a pool that selects at each step (fcfs, uscis, queue, mix); a ${method} draws once at the end of its period, so pace has no meaning here`;
export const inventoryAfterStart = (month: string, start: string) =>
  `priority date ${month} is not before the calendar's start (${start}): applicants who file after the start are new demand, not the backlog`;
export const inventoryNoRows = () =>
  'the inventory lists nobody: give its rows inline (`rows`) or in a CSV (`from: data/backlog.csv`)';
export const inventoryNeedsRatio = () =>
  'counts: principals needs per_principal (persons per principal, e.g. 2.1), since the caps count persons';
export const inventoryPoolNotQueue = (pool: string) =>
  `pool ${q(pool)} does not select by priority date (select: queue), so its backlog is not served oldest first and no final action dates are reported for it`;
export const capFormulaBad = (found: string) =>
  `a cap formula must give a number of visas (0 or more); with typical parameter values it gives ${found}`;
export const capOrTranches = (both: boolean) =>
  both
    ? 'a pool has either cap or tranches, not both'
    : 'a pool needs a cap or tranches, or a ceiling with an amount that lists it (it then draws only on that ceiling)';
export const rollWithoutTranches = () =>
  'unused: roll passes numbers to the next tranche of this pool, but the pool has no tranches and its cap is not per half';
export const capDatesNeedTotal = () =>
  "a cap's from and until only apply to per: total; to put a pool in force between two dates, give the pool its own from and until";
export const poolCapsExceedProgram = (sum: number, cap: number, per: string) =>
  `the pools' caps add up to ${sum} ${per === 'total' ? 'in total' : `per ${per.replace('-', ' ')}`}, more than the program's cap of ${cap}`;
export const limitOneOf = (both: boolean) =>
  both ? 'limit_per_group takes share or amount, not both' : 'limit_per_group needs a share or an amount';
export const parameterOneOf = (found: readonly string[]) =>
  `a parameter needs exactly one of value, normal, lognormal, uniform, triangular, beta or choice; found ${found.length ? found.join(', ') : 'none'}`;
export const choiceWeightsLength = (values: number, weights: number) =>
  `choice has ${values} value${values === 1 ? '' : 's'} but ${weights} weight${weights === 1 ? '' : 's'}`;
export const choiceWeightsZero = () => 'choice weights add up to 0';
export const choiceMixedTypes = () => 'choice values must be all numbers or all dates';
export const uniformOrder = (low: number, high: number) =>
  `uniform low (${low}) is greater than high (${high})`;
export const triangularOrder = (min: number, mode: number, max: number) =>
  `triangular needs min ≤ mode ≤ max, found [${min}, ${mode}, ${max}]`;
export const lognormalMean = (mean: number) => `a lognormal mean must be greater than 0, found ${mean}`;
export const fiscalYearMidMonth = (md: string) =>
  `a fiscal year must start on the first of a month (months, halves and demand profiles are ` +
  `counted in calendar months), found ${q(md)}; use ${q(`${md.slice(0, 2)}-01`)}`;
export const calendarYears = (start: string, years: number, first: number, last: number) =>
  `the calendar (from ${start}, ${years} year${years === 1 ? '' : 's'}) must lie within the years ${first}–${last}`;
export const notCalendarDay = (md: string) =>
  md === '02-29'
    ? '"02-29" is not a day in every year; use 02-28 or 03-01'
    : `${q(md)} is not a day of the year`;
export const windowWraps = (from: string, to: string, fyStart: string) =>
  `window ${from} to ${to} runs past the end of the fiscal year (which starts on ${fyStart}); split it into two windows`;
export const tranchesOverlap = (a: string, b: string) =>
  `the windows of tranches ${q(a)} and ${q(b)} overlap`;
export const dateOutsideCalendar = (date: string, start: string, last: string) =>
  `${date} is outside the simulated calendar (${start} to ${last})`;
export const dateOrder = (from: string, until: string) => `from (${from}) must come before until (${until})`;
export const mixSharesSum = (sum: number) => `the parts' shares add up to ${sum}; they must add up to 1`;
export const spillLoop = (cycle: readonly string[]) => `unused numbers spill in a loop: ${cycle.join(' → ')}`;
export const opensAfterLoop = (cycle: readonly string[]) =>
  `pools open after each other in a loop: ${cycle.join(' → ')}`;
export const demandOneOf = (both: boolean) =>
  both ? 'demand takes per_year or per_month, not both' : 'demand needs per_year or per_month';
export const profileZero = () => 'the 12 profile weights add up to 0, so no one would ever apply';
export const byGroupMatchesNone = (afterOthers: boolean) =>
  afterOthers
    ? 'no group takes this window: every group it matches is taken by an entry before it (the first entry that matches a group gives its window)'
    : 'no group takes this window: `when` holds for no group';
export const paceShareOrAmount = (both: boolean) =>
  both
    ? 'a pace gives share or amount, not both'
    : 'a pace needs share (of the period’s numbers) or amount (numbers per month or quarter)';
export const notSelectedRuleEmpty = () =>
  'this rule sets neither reapply nor divert, so those it matches keep the program-level shares (and no later rule reaches them)';
export const notSelectedOverOne = (reapply: number, divert: number) =>
  `reapply (${reapply}) and divert (${divert}) add up to more than 1`;
export const checkNeedsBound = () => 'a check needs equals, at_most or at_least';
export const checkDateMetric = (metric: string) =>
  `a date here compares with ${q(metric)}, which is not a date: dates go with final_action_date and with days_to_fill or days_to_fill_receipt (the day a cap was reached)`;
export const checkDaysMixed = (metric: string) =>
  `give every bound of this check as a date, or every one as days from the period's start: ${q(metric)} cannot compare with both`;
export const checkDaysOnePool = (metric: string) =>
  `a date compared with ${q(metric)} needs exactly one pool (\`pools: [id]\`): days of several pools do not add up to a date`;
export const checkProgramOrCeiling = (both: boolean) =>
  both ? 'a check reads a program or a ceiling, not both' : 'a check needs a program or a ceiling';
export const checkCeilingGroup = (ceiling: string) =>
  `ceiling ${q(ceiling)} has no per_group limit, so it reports no group's numbers; leave out group, or read a program`;
export const checkCeilingPools = () => 'pools apply to a program check; a ceiling is read as a whole';
export const checkCeilingMetric = (metric: string) =>
  `a ceiling reports cap, issued and unused, not ${q(metric)}`;
export const ceilingNeedsLimit = () => 'a ceiling needs an amount, a per_group limit, or both';
export const perGroupOneOf = (where: string, both: boolean) =>
  both ? `${where} takes share or amount, not both` : `${where} needs a share or an amount`;
export const perGroupOfAmount = () =>
  "a share of the ceiling's amount needs the ceiling to have an amount (or write of: pools)";
export const exemptNotMember = (pool: string, ceiling: string, members: readonly string[]) =>
  `pool ${q(pool)} is not a member of ceiling ${q(ceiling)} (its pools: ${listNames(members)})`;
export const shareNeedsAmount = (ceiling: string) =>
  `ceiling ${q(ceiling)} has no amount: share: by_demand divides a ceiling's amount among its pools, so give it an amount, or leave share out`;
export const shareOnePool = (ceiling: string) =>
  `ceiling ${q(ceiling)} has one pool: share: by_demand divides the ceiling among pools that compete for it; list at least two pools, or leave share out`;
export const shareAcrossPrograms = (ceiling: string, programs: readonly string[]) =>
  `ceiling ${q(ceiling)} spans programs (${listNames(programs)}): share: by_demand divides the ceiling among pools of one program (they select in the same turn of a step); keep its pools in one program, or leave share out`;
export const memberTwice = (pool: string) => `pool ${q(pool)} is listed twice`;
export const fallDownTwice = (pool: string) =>
  `pool ${q(pool)} already falls down to another pool; its unused numbers can go one way only`;
export const fallDownPeriods = (from: string, fromPer: string, to: string, toPer: string) =>
  `fall-down happens within one period, but pool ${q(from)} counts ${fromPer} and pool ${q(to)} counts ${toPer}; give them the same cap period, or use unused: { spill: ${to} } to pass numbers to the next period`;
export const ceilingIdClash = (id: string) =>
  `ceiling ${q(id)} has the id of a program or pool; give it its own id`;
export const poolNotInProgram = (pool: string, program: string, known: readonly string[]) =>
  `pool ${q(pool)} is not in program ${q(program)} (its pools: ${listNames(known)})`;

// ── formulas and splits ─────────────────────────────────────────────────────────────────────

export const formulaInvalid = (message: string) => `invalid formula: ${message}`;
export const derivedClash = (name: string) =>
  `derived column ${q(name)} has the name of a column the groups already have; give it another name`;
export const derivedNotFinite = (group: string, found: string) =>
  `group ${q(group)}: the derived value is ${found}, not a finite number (a division by 0?)`;
export const formulaFailsFor = (group: string, message: string) =>
  `cannot be computed for group ${q(group)}: ${message}`;
export const formulaBadValue = (group: string, found: string, needed: string) =>
  `gives ${found} for group ${q(group)}; ${needed} is needed`;
export const neededShare = 'a share from 0 to 1';
export const neededCount = 'a number ≥ 0';
export const neededLeadDays = 'a number of days from 0 to 366';
/** The largest count a float32 output cell holds exactly (2^24). */
export const MAX_COUNT = 2 ** 24;
export const neededDemand = `a number from 0 to ${MAX_COUNT.toLocaleString('en-US')} (2^24, the largest count the outputs hold exactly)`;
export const eligibleNotBoolean = (group: string, found: string, field = 'eligible') =>
  `${field} should be true or false, but gives ${found} for group ${q(group)}`;
export const splitValueMissing = (column: string, group: string, pool: string) =>
  `group ${q(group)} has no value in column ${q(column)}, which splits pool ${q(pool)}`;
export const splitValueBad = (column: string, group: string, pool: string, found: string) =>
  `column ${q(column)} is ${found} for group ${q(group)}; pool ${q(pool)} splits by it, so it must be a number ≥ 0`;
export const splitFormulaBad = (group: string, found: string) =>
  `split.by gives ${found} for group ${q(group)}; it must be a number ≥ 0`;

// ── warnings ────────────────────────────────────────────────────────────────────────────────

export const unusedParameter = (id: string) => `parameter ${q(id)} is not used by any formula`;
export const unusedAttribute = (id: string) =>
  `attribute ${q(id)} is not used by any eligible or weight formula`;
export const unusedSource = (id: string) => `source ${q(id)} is not cited anywhere`;
export const programWithoutDemand = (id: string) =>
  `program ${q(id)} has no demand and no program diverts to it, so its pools issue nothing`;
export const poolNobodyEligible = (id: string) => `no group is eligible for pool ${q(id)}`;

// ── series ──────────────────────────────────────────────────────────────────────────────────

export const unknownSeries = (name: string, suggestion: string | undefined, known: readonly string[]) =>
  `unknown series ${q(name)}${didYouMean(suggestion)} (series: ${listNames(known)})`;
export const seriesDuplicate = (id: string) => `series ${q(id)} is defined twice`;
export const seriesNoRows = (fromCsv: boolean) =>
  fromCsv
    ? 'the CSV has a header but no rows: a series needs at least one period'
    : 'the series has no table: give it in a CSV (`from: data/table.csv`) or inline (`rows`)';
export const seriesPeriodColumn = (found: readonly string[]) =>
  found.length === 0
    ? 'a series needs a period column: `year` (1942), `fiscal_year` (FY2024) or `month` (2024-01), first in the CSV header'
    : `a series has one period column, found ${found.map(q).join(' and ')}`;
export const seriesNoValues = () => 'the series has a period column but no column of values';
export const seriesColumnNotGroup = (
  column: string,
  suggestion: string | undefined,
  groups: readonly string[],
) =>
  `with \`by: group\` every value column is a group id; ${q(column)} is not one${didYouMean(suggestion)} (groups: ${groups.join(', ')})`;
export const seriesNotConsecutive = (previous: string, expected: string, found: string) =>
  `a series' periods follow one another, oldest first, without gaps: after ${previous} comes ${expected}, found ${found}`;
export const seriesExtraColumn = (column: string, kind: string, columns: readonly string[]) =>
  `column ${q(column)} is not in the first row (its columns: ${[kind, ...columns].join(', ')})`;
export const besideNeedsReference = () =>
  '`beside` draws a reference series beside the results; this series is not `reference: true`, so nothing is drawn';
export const seriesBoundColumn = (id: string, columns: readonly string[]) =>
  `series ${q(id)} has the columns ${columns.join(', ')}: name one with \`column\``;
export const seriesBoundPeriodAndStat = () =>
  'give either `period` (one value) or `stat` (over the whole table), not both';
export const seriesOutOfRange = (id: string, period: string, range: string) =>
  `series ${q(id)} has no value for ${period}: its table covers ${range}`;
export const seriesLookupOutOfRange = (id: string, period: string, range: string, when: string) =>
  `series ${q(id)} is read for ${period} (${when}), outside its table, which covers ${range}; extend the table, or keep the period inside it with min(…) or max(…)`;
export const seriesBoundCalendarYears = (id: string) =>
  `series ${q(id)} is by calendar year and the results by fiscal year, tranche or month, so no period checked has a value in it: give \`period\` (one year) or \`stat\``;
export const seriesBoundNeedsPeriod = (id: string) =>
  `without \`period\` or \`stat\`, the bound is the value of series ${q(id)} in the period checked: give the check a \`period\` or \`every_period: true\``;
export const withinNeedsEquals = () => '`within` is a tolerance around `equals`; give `equals`';
