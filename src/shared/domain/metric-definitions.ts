// What every number the app shows means, in plain words: one source for the metric cards, table headers and
// axes (hover/focus), the "What do these numbers mean?" panel, the CLI's `help metrics` and docs/metrics.md.

export interface MetricDefinition {
  /** Key in Metrics (or a derived value: lick_rate_error, a loss term). */
  key: string
  /** Short name for cards, headers and axes. */
  name: string
  /** One line for a hover/focus hint. */
  short: string
  /** What is compared with what, on which trials, and what a good value is. */
  detail: string
}

export const metricDefinitions: readonly MetricDefinition[] = [
  {
    key: 't_trial_pearson',
    name: 'T′trial r',
    short: 'How well single generated trials resemble single held-out recorded trials (Pearson r of matched pairs).',
    detail:
      'Each trial is summarised as a short vector: the smoothed population rate of every area over time (plus the ' +
      'jaw trace when recorded). Generated trials and held-out recorded trials of the same stimulus condition are ' +
      'paired one-to-one so that paired trials are as similar as possible (optimal matching), and the Pearson r of ' +
      'each pair is averaged. It measures trial-to-trial variability, not only the average. Higher is better; the ' +
      'data ceiling is the best a model can be expected to reach. The "best" checkpoint of a fit is the one where it ' +
      'was highest, and early stopping watches it.'
  },
  {
    key: 't_trial_pearson_ceiling',
    name: 'T′trial data ceiling',
    short: 'T′trial r of recorded training trials against recorded held-out trials: what real data reaches.',
    detail:
      'The same matched-pair correlation, computed between two sets of recorded trials: training trials against ' +
      'held-out trials, with as many training trials as the model generates. Recordings differ from trial to trial, ' +
      'so even the data does not reach 1. A model at the ceiling is as close to the held-out trials as other ' +
      'recorded trials are.'
  },
  {
    key: 't_trial_neural_pearson',
    name: 'T′trial r, neurons only',
    short: 'T′trial r with the jaw left out: single trials compared on the areas’ population rates alone.',
    detail:
      'The same matched-pair correlation as T′trial r, with its own matching, on the smoothed population rate of ' +
      'every area only (no jaw trace). It is shown beside T′trial r to tell the two parts apart: how well the model ' +
      'reproduces the trial-to-trial variability of the recorded neurons, and how much the jaw takes off. When the ' +
      'recorded neurons do not carry the licks (the generated example data), a model that matches them can reach ' +
      'this ceiling while T′trial r stays well below its own. Without a jaw trace the two are the same.'
  },
  {
    key: 't_trial_neural_pearson_ceiling',
    name: 'T′trial data ceiling, neurons only',
    short: 'T′trial r, neurons only, of recorded training trials against recorded held-out trials.',
    detail:
      'The T′trial data ceiling computed on the population rates alone (no jaw trace): what recorded trials reach ' +
      'on the neural part, with as many training trials as the model generates.'
  },
  {
    key: 'psth_pearson',
    name: 'PSTH r',
    short: 'Mean over recorded neurons of the Pearson r between generated and held-out trial-averaged rates.',
    detail:
      'For every recorded neuron firing above 1 Hz, its trial-averaged firing rate over time (PSTH, smoothed, one ' +
      'curve per stimulus condition joined end to end) is computed on held-out recorded trials and on the ' +
      'generated trials of its model neuron; the Pearson r over time is averaged over neurons. Higher is better; ' +
      'compare it with its data ceiling, which is low when neurons fire few spikes per trial.'
  },
  {
    key: 'psth_pearson_ceiling',
    name: 'PSTH data ceiling',
    short: 'PSTH r of recorded training trials against recorded held-out trials: what real data reaches.',
    detail:
      'The same per-neuron PSTH correlation between the training trials and the held-out trials of the recording. ' +
      'It is limited by the number of trials and spikes: a model cannot be expected to predict held-out PSTHs better ' +
      'than the rest of the recording does.'
  },
  {
    key: 'psth_pearson_per_area',
    name: 'PSTH r per area',
    short: 'PSTH r averaged over the recorded neurons of each area.',
    detail:
      'The PSTH r above, averaged separately over the neurons of each brain area, to show which area the model fits worst.'
  },
  {
    key: 'eval_loss',
    name: 'Held-out loss',
    short: 'The training loss computed against held-out trials instead of training trials (lower is better).',
    detail:
      'The PSTH loss plus the trial-matching loss, with their coefficients, between a batch of generated trials and ' +
      'the held-out recorded trials, which are never used for gradients. Its value has no absolute scale: compare it ' +
      'between steps of one run. It can bottom out long before T′trial r stops rising, so the "best" checkpoint and ' +
      'early stopping follow T′trial r instead.'
  },
  {
    key: 'jaw_pearson',
    name: 'Jaw r',
    short: 'Pearson r between the generated and the recorded trial-averaged jaw trace, per stimulus condition.',
    detail:
      'The model reads a jaw movement trace out of its excitatory neurons. Its average over generated trials is ' +
      'correlated over time with the average recorded jaw trace of the held-out trials of the same condition ' +
      '(conditions joined end to end, averaged over sessions). Only when the dataset has a jaw trace. Higher is ' +
      'better; 1 = the same average time course.'
  },
  {
    key: 'lick_rate_error',
    name: 'Lick-rate error',
    short:
      'Largest difference, over stimulus conditions, between the share of generated and recorded trials with a lick.',
    detail:
      'For each stimulus condition, the fraction of trials with a lick (Hit among stimulus trials, false alarm among ' +
      'catch trials) in the generated trials and in the recording; the card shows the largest absolute difference, ' +
      'in percentage points. 0 = the model licks as often as the animal in every condition. Generated trials are ' +
      'classified as lick or no-lick by the lick classifier (from their jaw), or, without a jaw trace, by the ' +
      'nearest recorded trial-type template of their activity. Defined for the detection task only: a dataset ' +
      'with its own condition labels (e.g. correct / incorrect) has no lick-rate error; its trial-type mix says it.'
  },
  {
    key: 'lick_accuracy',
    name: 'Lick classifier accuracy',
    short: 'How often the lick classifier, trained on recorded jaw traces, is right on held-out recorded trials.',
    detail:
      'Not a property of the model: it measures the tool used to classify generated trials. A linear classifier ' +
      'is trained on the jaw traces of recorded training trials to tell lick trials (Hit, false alarm) from the ' +
      'others, and tested on held-out recorded trials. Near 1, the trial types of generated trials can be trusted; ' +
      'near 0.5, they cannot.'
  },
  {
    key: 'trial_type_mix',
    name: 'Trial-type mix',
    short: 'Share of Hit, Miss, correct rejection and false alarm among generated and recorded trials.',
    detail:
      'Generated trials get a trial type from their stimulus condition and whether they lick (see lick-rate error). ' +
      'A good model has the same mix as the recording. A dataset with its own condition labels (e.g. correct / ' +
      'incorrect) shows them instead of Hit, Miss, CR and FA.'
  },
  {
    key: 'loss_psth',
    name: 'PSTH loss',
    short: 'Training loss term: mismatch of trial-averaged rates between a generated batch and training trials.',
    detail:
      'Squared difference between the smoothed trial-averaged rate of every recorded neuron and that of its model ' +
      'neuron, scaled by how much the recorded rate varies over time, times its coefficient. It pulls the average ' +
      'activity toward the data.'
  },
  {
    key: 'loss_trial',
    name: 'Trial-matching loss',
    short: 'Training loss term: distance between generated and recorded single trials after optimal matching.',
    detail:
      'Trials summarised as in T′trial r are matched one-to-one (optimal transport) and their squared distances ' +
      'averaged, times its coefficient. It makes the trial-to-trial variability of the model match the data.'
  },
  {
    key: 'loss_total',
    name: 'Total loss',
    short: 'The sum of the loss terms, coefficients applied, minimised by training.',
    detail: 'PSTH loss + trial-matching loss + regularisation. It falls as the model learns; compare it within one run.'
  }
]

const byKey = new Map(metricDefinitions.map((d) => [d.key, d]))

/** The definition of a metric key; undefined for keys without one (so callers fall back to the raw key). */
export function metricDefinition(key: string): MetricDefinition | undefined {
  return byKey.get(key)
}

/** Display name of a metric key: its definition's name, else the key with spaces. */
export function metricName(key: string): string {
  return byKey.get(key)?.name ?? key.replace(/_/g, ' ')
}

/** The hover/focus hint of a metric key ('' without a definition). */
export function metricHint(key: string): string {
  const d = byKey.get(key)
  return d ? `${d.name}: ${d.short}` : ''
}

/** Plain-text explanation of every metric (CLI `help metrics`, docs/metrics.md), one paragraph each. */
export function metricsHelpText(): string {
  const lines = [
    'What the numbers mean. Every metric is computed on held-out trials: recorded trials never used for gradients,',
    'against a batch of trials generated by the model. Ceilings are the same metric between two halves of the recording.',
    ''
  ]
  for (const d of metricDefinitions) lines.push(`${d.name} (${d.key})`, `  ${d.short}`, `  ${d.detail}`, '')
  return lines.join('\n').trimEnd() + '\n'
}

/** docs/metrics.md: the same definitions as Markdown (a unit test keeps the file equal to this). */
export function metricsMarkdown(): string {
  const lines = [
    '# What the numbers mean',
    '',
    'The same text as the app\'s hover hints and "What do these numbers mean?" panels, and `npm run rsnn -- help metrics`',
    '(all from `src/shared/domain/metric-definitions.ts`). Every metric is computed on held-out trials: recorded trials',
    'never used for gradients, against a batch of trials generated by the model. Ceilings are the same metric between',
    'two parts of the recording.',
    ''
  ]
  for (const d of metricDefinitions) lines.push(`## ${d.name}`, '', `\`${d.key}\`: ${d.short}`, '', d.detail, '')
  return lines.join('\n').trimEnd() + '\n'
}
