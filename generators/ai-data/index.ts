/**
 * `yo ml-pipeline:ai-data`: skill "engineering-ai-data" of the blueprint. Its files are the table in
 * files.ts (lib/project-files.ts). With `--data <file> --target <column>` on a Traditional ML
 * project it derives the schema again from that table and refreshes every file typed from it.
 */
import { dataRequest, type DataRequest } from '../../lib/data/options.js';
import type { DatasetSchema } from '../../lib/data/infer-schema.js';
import { SkillGenerator } from '../../lib/skill-generator.js';

export default class AiDataGenerator extends SkillGenerator {
  readonly skill = 'ai-data' as const;
  private request?: DataRequest;
  private dataset?: DatasetSchema;

  override initializing(): void {
    // Checked before anything else: a bad combination writes nothing.
    this.request = dataRequest((name) => this.rawOption(name), process.cwd());
    super.initializing();
  }

  override async prompting(): Promise<void> {
    await super.prompting();
    if (this.request) {
      // A project that keeps the table's rows out of its repository keeps doing so unless told otherwise.
      if (this.request.fixture === undefined && this.storedDataset()?.fixture === 'synthetic') this.request.fixture = 'synthetic';
      this.dataset = await this.readDataset(this.request, this.answers.mlType);
    }
  }

  override configuring(): void {
    super.configuring();
    if (this.dataset) this.saveDataset(this.dataset);
  }

  /** A new schema reaches every skill's files: the API, the GX suite, Feast, the tests, the docs. */
  protected override refreshesProject(): string | undefined {
    return this.dataset ? `--data ${this.request?.data ?? ''}: the schema changed` : undefined;
  }
}
