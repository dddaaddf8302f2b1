/** The vega-lite types the charts emit. */
import type { TopLevelSpec } from 'vega-lite';

/** A vega-lite specification, as the charts emit it. */
export type VegaLiteSpec = TopLevelSpec;

/** One view of a vertical concatenation (a unit, layer or facet spec). */
export type PanelSpec = Extract<VegaLiteSpec, { vconcat: unknown }>['vconcat'][number];

/** One line of a tooltip. */
export interface TooltipField {
  field: string;
  type: 'nominal' | 'ordinal' | 'quantitative' | 'temporal';
  title: string;
  format?: string;
}
