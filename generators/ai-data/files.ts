/**
 * engineering-ai-data: sample data, ingestion, validation (Great Expectations), preprocessing,
 * splitting, feature engineering and the Feast feature store.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ProjectContext } from '../../lib/context.js';
import { exceptTypes, forTypes, type FileRow } from '../../lib/file-table.js';
import { templatesOf } from '../../lib/paths.js';

const featureStore = (c: ProjectContext) => c.features.featureStore;
const tml = forTypes('traditional-ml');
const dl = forTypes('deep-learning');
const rag = forTypes('llm-rag');
const ts = forTypes('time-series');
// Tables and images are split and described column by column; documents are chunked.
const tabularOrImage = exceptTypes('llm-rag');

/** The committed image fixture (class-per-folder PNGs), copied byte for byte: whatever lies there. */
function imageFixtureRows(): FileRow[] {
  const root = join(templatesOf('ai-data'), 'deep-learning');
  const folder = 'tests/fixtures/images';
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
    .map((path) => ({ path, when: dl }));
}

export const files: readonly FileRow[] = [
  { path: 'scripts/generate_sample_data.py' },
  { path: 'tests/fixtures/sample_data.csv', when: tml },
  // A few series of the default data, seeded: the tests' small history.
  { path: 'tests/fixtures/sample_series.csv', when: ts },
  ...imageFixtureRows(),
  { path: 'src/data/__init__.py' },
  { path: 'src/data/ingestion.py' },
  { path: 'src/data/validation.py' },
  { path: 'src/data/preprocessing.py' },
  // Series are never split at random: Time Series backtests on rolling origins (src/models/backtest.py).
  { path: 'src/data/splitting.py', when: exceptTypes('llm-rag', 'time-series') },
  { path: 'src/data/chunking.py', when: rag },
  // Where the documents or the series are, and what their columns mean.
  { path: 'config/data_config.yaml', when: forTypes('llm-rag', 'time-series') },
  { path: 'src/features/__init__.py' },
  { path: 'src/features/feature_engineering.py' },
  // The column contract read by validation, preprocessing, serving and (where present) Feast.
  { path: 'src/features/feature_definitions.py', when: tabularOrImage },
  { path: 'src/features/feature_store.py', when: featureStore },
  { path: 'data/raw/.gitkeep' },
  { path: 'data/processed/.gitkeep' },
  { path: 'data/features/.gitkeep' },
  { path: 'data/external/.gitkeep', when: exceptTypes('time-series') },
  // Where the actuals arrive (a file, or POST /actuals): the monitoring flow joins them to the forecasts.
  { path: 'data/actuals/.gitkeep', when: ts },
];
