/** Keys under which the generator keeps its state in the project's .yo-rc.json. */
export const GENERATOR_KEY = 'generator-ml-pipeline';
/** Hashes of the files as last generated: tells "unchanged since generated" from "edited by you". */
export const MANIFEST_KEY = 'generator-ml-pipeline:files';
/** The schema inferred from the user's table (--data); absent for the sample data. */
export const DATASET_KEY = 'generator-ml-pipeline:dataset';
