/**
 * engineering-ai-data: sample data, ingestion, validation (Great Expectations), preprocessing,
 * splitting, feature engineering and the Feast feature store.
 */
import type { ProjectContext } from '../../lib/context.js';
import type { FileRow } from '../../lib/file-table.js';

const featureStore = (c: ProjectContext) => c.features.featureStore;

export const files: readonly FileRow[] = [
  { path: 'scripts/generate_sample_data.py' },
  { path: 'tests/fixtures/sample_data.csv' },
  { path: 'src/data/__init__.py' },
  { path: 'src/data/ingestion.py' },
  { path: 'src/data/validation.py' },
  { path: 'src/data/preprocessing.py' },
  { path: 'src/data/splitting.py' },
  { path: 'src/features/__init__.py' },
  { path: 'src/features/feature_engineering.py' },
  // The column contract read by validation, preprocessing, serving and (where present) Feast.
  { path: 'src/features/feature_definitions.py' },
  { path: 'src/features/feature_store.py', when: featureStore },
  { path: 'data/raw/.gitkeep' },
  { path: 'data/processed/.gitkeep' },
  { path: 'data/features/.gitkeep' },
  { path: 'data/external/.gitkeep' },
];
