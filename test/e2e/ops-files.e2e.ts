/**
 * Every generated operations file passes its own tool, at every infrastructure and maturity
 * answer (plus the custom-mode cloud and platform variants, and custom alert thresholds):
 * hadolint, the Compose schema, kubernetes-validate --strict, promtool (config, rules, rule unit
 * tests; the in-cluster configuration too), actionlint with shellcheck and the GitHub workflow
 * schema, yamllint --strict, the project's own dashboard checker, and Terraform parsed with
 * python-hcl2. The tools come from scripts/install-ops-tools.sh (Debian + pinned PyPI wheels).
 *
 * No Python venv is needed: these projects are generated, not installed. Many variants render
 * identical files (43 prometheus.yml, one text): a tool's verdict is kept by the bytes it reads,
 * so each distinct input is checked once (see checkOnce).
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { promNumber } from '../../lib/context.js';
import { packagePath } from '../../lib/paths.js';
import { E2E_ROOT, generateAll, log, must, opsTool, run, systemTool } from './harness.js';

const SCHEMAS = packagePath('test', 'e2e', 'schemas');
const MATURITIES = ['starter', 'production', 'advanced'] as const;
const INFRASTRUCTURES = ['local', 'cloud-vms', 'kubernetes', 'managed-platform'] as const;

interface Variant { name: string; args: string[] }

const VARIANTS: Variant[] = [
  ...MATURITIES.flatMap((maturity) => INFRASTRUCTURES.map((infrastructure) => ({
    name: `${maturity}-${infrastructure}`,
    args: ['--defaults', '--maturity', maturity, '--infrastructure', infrastructure],
  }))),
  { name: 'production-cloud-vms-gcp', args: ['--defaults', '--infrastructure', 'cloud-vms', '--cloud-provider', 'gcp'] },
  { name: 'production-managed-vertex', args: ['--defaults', '--infrastructure', 'managed-platform', '--managed-platform', 'vertex-ai'] },
  // Rule tests derive their firing/silent samples from the thresholds: prove it on other values.
  { name: 'advanced-kubernetes-custom-thresholds', args: ['--defaults', '--maturity', 'advanced', '--infrastructure', 'kubernetes', '--drift-threshold', '0.25', '--latency-slo-ms', '300'] },
  // Deep Learning: the 12 combinations (GPU training by default off Local), plus the GPU answer
  // flipped where it changes the images, the cluster Job and the VM type.
  ...MATURITIES.flatMap((maturity) => INFRASTRUCTURES.map((infrastructure) => ({
    name: `dl-${maturity}-${infrastructure}`,
    args: ['--defaults', '--ml-type', 'deep-learning', '--maturity', maturity, '--infrastructure', infrastructure],
  }))),
  { name: 'dl-production-kubernetes-cpu', args: ['--defaults', '--ml-type', 'deep-learning', '--infrastructure', 'kubernetes', '--no-gpu-training'] },
  { name: 'dl-production-local-gpu', args: ['--defaults', '--ml-type', 'deep-learning', '--infrastructure', 'local', '--gpu-training'] },
  { name: 'dl-production-cloud-vms-gcp', args: ['--defaults', '--ml-type', 'deep-learning', '--infrastructure', 'cloud-vms', '--cloud-provider', 'gcp'] },
  { name: 'dl-production-managed-vertex', args: ['--defaults', '--ml-type', 'deep-learning', '--infrastructure', 'managed-platform', '--managed-platform', 'vertex-ai'] },
  // LLM/RAG: the 12 combinations (the Qdrant StatefulSet, the LLM alert rules and dashboard), and
  // the other cloud and platform.
  ...MATURITIES.flatMap((maturity) => INFRASTRUCTURES.map((infrastructure) => ({
    name: `rag-${maturity}-${infrastructure}`,
    args: ['--defaults', '--ml-type', 'llm-rag', '--maturity', maturity, '--infrastructure', infrastructure],
  }))),
  { name: 'rag-production-cloud-vms-gcp', args: ['--defaults', '--ml-type', 'llm-rag', '--infrastructure', 'cloud-vms', '--cloud-provider', 'gcp'] },
  { name: 'rag-production-managed-vertex', args: ['--defaults', '--ml-type', 'llm-rag', '--infrastructure', 'managed-platform', '--managed-platform', 'vertex-ai'] },
  // Time Series: the 12 combinations (the forecast alert rules and dashboard), and the other cloud and platform.
  ...MATURITIES.flatMap((maturity) => INFRASTRUCTURES.map((infrastructure) => ({
    name: `ts-${maturity}-${infrastructure}`,
    args: ['--defaults', '--ml-type', 'time-series', '--maturity', maturity, '--infrastructure', infrastructure],
  }))),
  { name: 'ts-production-cloud-vms-gcp', args: ['--defaults', '--ml-type', 'time-series', '--infrastructure', 'cloud-vms', '--cloud-provider', 'gcp'] },
  { name: 'ts-production-managed-vertex', args: ['--defaults', '--ml-type', 'time-series', '--infrastructure', 'managed-platform', '--managed-platform', 'vertex-ai'] },
];

const ROOT = join(E2E_ROOT, 'ops');

function files(dir: string, extension: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(extension)).sort().map((f) => join(dir, f)) : [];
}

/** Runs a checker and fails with its whole output; returns stdout for extra assertions. */
function check(command: string, args: string[], cwd: string, what: string, env: NodeJS.ProcessEnv = {}): string {
  return must(run(command, args, cwd, env), what).stdout;
}

/** Every file under the paths (a file itself, or a folder's files, recursively), sorted. */
function filesUnder(cwd: string, paths: string[]): string[] {
  const walk = (path: string): string[] => (statSync(path).isDirectory()
    ? readdirSync(path).sort().flatMap((entry) => walk(join(path, entry)))
    : [path]);
  return paths.flatMap((path) => walk(resolve(cwd, path)));
}

/** Passing verdicts by what the tool read: the command, its arguments and the bytes of its inputs. */
const passed = new Map<string, { variant: string; stdout: string }>();

/**
 * check(), run once per distinct input. `inputs` must name every file the tool reads (its
 * configuration included): the key is the command, the arguments and those files' paths (relative
 * to cwd) and bytes, so a variant whose inputs differ in any byte is checked again. Only passes are
 * kept; a failure is reported by the variant that has it.
 */
function checkOnce(variant: string, command: string, args: string[], cwd: string, what: string, inputs: string[], env: NodeJS.ProcessEnv = {}): string {
  const hash = createHash('sha256').update(command).update(`\0${args.join('\0')}`);
  for (const file of filesUnder(cwd, inputs)) hash.update(`\0${relative(cwd, file)}\0`).update(readFileSync(file));
  const key = hash.digest('hex');
  const earlier = passed.get(key);
  if (earlier) {
    log(`${what}: same inputs as ${earlier.variant}, which passed`);
    return earlier.stdout;
  }
  const stdout = check(command, args, cwd, what, env);
  passed.set(key, { variant, stdout });
  return stdout;
}

/**
 * The Prometheus configuration embedded in monitoring-stack.yaml, written beside its rules, plus
 * a copy whose Kubernetes discovery is swapped for a static target: Debian's promtool is built
 * without Kubernetes service discovery, so promtool checks the rest of it from the copy and the
 * SchemaStore schema checks the discovery block.
 */
function extractInClusterConfig(project: string, out: string): { config: string; staticConfig: string } {
  const documents = parseAllDocuments(readFileSync(join(project, 'infrastructure/kubernetes/monitoring-stack.yaml'), 'utf8'))
    .map((d) => d.toJS() as { kind?: string; data?: Record<string, string> } | null);
  const configMap = documents.find((d) => d?.kind === 'ConfigMap' && d.data?.['prometheus.yml'] !== undefined);
  assert.ok(configMap?.data, 'monitoring-stack.yaml has no ConfigMap with prometheus.yml');
  const prometheusYml = configMap.data['prometheus.yml'] ?? '';
  const rules = configMap.data['alert_rules.yml'];
  assert.ok(rules, 'the Prometheus ConfigMap of monitoring-stack.yaml carries no alert_rules.yml');
  mkdirSync(join(out, 'k8s'), { recursive: true });
  mkdirSync(join(out, 'k8s-static'), { recursive: true });
  writeFileSync(join(out, 'k8s', 'prometheus.yml'), prometheusYml);
  const config = parse(prometheusYml) as { scrape_configs: Record<string, unknown>[] };
  let swapped = 0;
  for (const scrape of config.scrape_configs) {
    if ('kubernetes_sd_configs' in scrape) {
      delete scrape.kubernetes_sd_configs;
      scrape.static_configs = [{ targets: ['pod-ip:7070'] }];
      swapped += 1;
    }
  }
  assert.ok(swapped > 0, 'the in-cluster Prometheus configuration discovers no target through Kubernetes');
  writeFileSync(join(out, 'k8s-static', 'prometheus.yml'), stringify(config));
  writeFileSync(join(out, 'k8s-static', 'alert_rules.yml'), rules);
  return { config: join(out, 'k8s', 'prometheus.yml'), staticConfig: join(out, 'k8s-static', 'prometheus.yml') };
}

/** Rules whose unit tests include a series exactly at the threshold, so a `>=` must be caught. */
const STRICT_AT_THRESHOLD = new Set(['FeatureDriftDetected', 'GPUMemoryHigh']);

/**
 * Variants of alert_rules.yml that its unit tests must reject, so that they prove more than
 * "fires on a huge value": each threshold 5% up and 5% down, each `for:` a minute shorter and
 * longer, `>` made `>=` where the tests sit on the threshold, and the `absent()` guard removed.
 */
function ruleMutants(rules: string): { alert: string; name: string; text: string }[] {
  const blocks = rules.split(/(?=^ {6}- alert: )/m);
  const mutants: { alert: string; name: string; text: string }[] = [];
  const mutate = (index: number, name: string, change: (block: string) => string): void => {
    const block = blocks[index] ?? '';
    const changed = change(block);
    assert.notEqual(changed, block, `mutation "${name}" does not apply to alert_rules.yml`);
    const alert = /- alert: (\w+)/.exec(block)?.[1] ?? '';
    mutants.push({ alert, name, text: [...blocks.slice(0, index), changed, ...blocks.slice(index + 1)].join('') });
  };
  blocks.forEach((block, index) => {
    const alert = /- alert: (\w+)/.exec(block)?.[1];
    if (!alert) return;
    // The comparison's number: `> 0.5`, `> 0.3`, `< ignoring(metric) 0.95 * ...`.
    const threshold = /^(?!\s*#)(.*[<>] (?:ignoring\(\w+\) )?)(\d+(?:\.\d+)?)/m.exec(block);
    if (threshold) {
      const [whole, head, number] = threshold as unknown as [string, string, string];
      for (const factor of [1.05, 0.95]) {
        mutate(index, `${alert}: threshold ${number} -> ${promNumber(Number(number) * factor)}`, (b) => b.replace(whole, `${head}${promNumber(Number(number) * factor)}`));
      }
      if (STRICT_AT_THRESHOLD.has(alert)) mutate(index, `${alert}: > -> >=`, (b) => b.replace(whole, whole.replace(/> (?=\d)/, '>= ')));
    }
    const duration = /^( +for: )(\d+)m$/m.exec(block);
    if (duration) {
      const [whole, head, minutes] = duration as unknown as [string, string, string];
      for (const delta of [-1, 1]) mutate(index, `${alert}: for ${minutes}m -> ${Number(minutes) + delta}m`, (b) => b.replace(whole, `${head}${Number(minutes) + delta}m`));
    }
    if (block.includes(' or absent(')) mutate(index, `${alert}: without absent()`, (b) => b.replace(/ or absent\([^)]*\)\)?/, ''));
  });
  return mutants;
}

/**
 * The rule tests that evaluate `alert`: a mutant changes one rule, so only the test groups that
 * expect something of that alert can tell it apart (promtool 2.42 has no --run filter). The
 * LLM/RAG spend tests replay days of samples; run for every mutant, they took 90 s a variant.
 */
function testsOfAlert(testsText: string, alert: string): string {
  const document = parse(testsText) as { tests: { alert_rule_test?: { alertname: string }[] }[] };
  const tests = document.tests.filter((group) => (group.alert_rule_test ?? []).some((check) => check.alertname === alert));
  return stringify({ ...document, tests });
}

/** Mutation verdicts by the hash of (alert_rules.yml, alert_rules_test.yml). */
const mutantVerdicts = new Map<string, { variant: string; count: number; survivors: string[] }>();

describe('e2e: operations files pass their own tools', function () {
  this.timeout(10 * 60 * 1000);

  before(async () => {
    rmSync(ROOT, { recursive: true, force: true });
    await generateAll(VARIANTS.map((variant) => ({ dir: join(ROOT, variant.name, 'churn-ops'), args: variant.args, projectName: 'churn-ops' })));
    log(`generated ${VARIANTS.length} projects under ${ROOT}`);
  });

  for (const variant of VARIANTS) {
    describe(variant.name, () => {
      const dir = join(ROOT, variant.name, 'churn-ops');
      const k8s = join(dir, 'infrastructure/kubernetes');
      const prometheus = join(dir, 'monitoring/prometheus');
      const workflows = join(dir, '.github/workflows');
      const option = (name: string): string | undefined => variant.args[variant.args.indexOf(name) + 1];
      // Read from the answers, not the name: the Deep Learning variants' names start with "dl-".
      const starter = option('--maturity') === 'starter';
      // LLM/RAG adds its rules (no-answer rate, retrieval score, token spend), its dashboard and Qdrant.
      const rag = option('--ml-type') === 'llm-rag';
      // Time Series swaps drift and GPU memory for realized MASE, anomaly rate and stale actuals; adds its forecast dashboard.
      const ts = option('--ml-type') === 'time-series';
      const ruleCount = rag ? 7 : 5;

      it('Dockerfiles: hadolint, every level including style', () => {
        const dockerfiles = ['infrastructure/docker/Dockerfile.serving', 'infrastructure/docker/Dockerfile.training'];
        checkOnce(variant.name, opsTool('hadolint'), ['--failure-threshold', 'style', ...dockerfiles], dir, 'hadolint', dockerfiles);
        assert.ok(existsSync(join(dir, '.dockerignore')), '.dockerignore is missing');
      });

      it('Compose file: the Compose specification schema, and the services of its maturity', () => {
        const compose = 'infrastructure/docker/docker-compose.yml';
        checkOnce(variant.name, opsTool('check-jsonschema'), ['--builtin-schema', 'vendor.compose-spec', compose], dir, 'compose schema', [compose]);
        const services = Object.keys((parse(readFileSync(join(dir, compose), 'utf8')) as { services: object }).services);
        const expected = [...(starter ? ['mlflow', 'serving'] : ['mlflow', 'serving', 'prometheus', 'grafana']), ...(rag ? ['qdrant'] : [])];
        for (const service of expected) assert.ok(services.includes(service), `${compose} has no ${service} service (has ${services.join(', ')})`);
      });

      it('YAML: yamllint --strict with the project\'s .yamllint.yaml', () => {
        check(opsTool('yamllint'), ['--strict', '-c', '.yamllint.yaml', '.'], dir, 'yamllint');
      });

      const onKubernetes = option('--infrastructure') === 'kubernetes';
      // Starter answers get Docker Compose instead of Kubernetes, unless training runs there.
      if (!starter || onKubernetes) {
        it('Kubernetes manifests: kubernetes-validate --strict', () => {
          const found = files(k8s, '.yaml');
          assert.ok(found.length >= 4, `expected Kubernetes manifests in ${k8s}`);
          const out = checkOnce(variant.name, opsTool('kubernetes-validate'), ['--strict', ...found], dir, 'kubernetes-validate', found);
          assert.doesNotMatch(out, /ERROR|WARN/);
        });
      }

      if (!starter) {
        it('Prometheus: promtool check config, check rules, test rules; SchemaStore schemas', () => {
          const promtool = systemTool('promtool');
          const schema = opsTool('check-jsonschema');
          // promtool reads the rules that prometheus.yml and the rule tests name: the folder is the input.
          const once = (command: string, args: string[], what: string): string => checkOnce(variant.name, command, args, prometheus, what, ['.']);
          once(promtool, ['check', 'config', 'prometheus.yml'], 'promtool check config');
          const rules = once(promtool, ['check', 'rules', 'alert_rules.yml'], 'promtool check rules');
          assert.match(rules, new RegExp(`SUCCESS: ${ruleCount} rules found`));
          once(promtool, ['test', 'rules', 'alert_rules_test.yml'], 'promtool test rules');
          once(schema, ['--schemafile', join(SCHEMAS, 'prometheus.json'), 'prometheus.yml'], 'prometheus.yml schema');
          once(schema, ['--schemafile', join(SCHEMAS, 'prometheus.rules.json'), 'alert_rules.yml'], 'rules schema');
          once(schema, ['--schemafile', join(SCHEMAS, 'prometheus.rules.test.json'), 'alert_rules_test.yml'], 'rule tests schema');
        });

        it('Prometheus rule tests reject every rule moved off its threshold or its duration', () => {
          const promtool = systemTool('promtool');
          const rulesText = readFileSync(join(prometheus, 'alert_rules.yml'), 'utf8');
          const testsText = readFileSync(join(prometheus, 'alert_rules_test.yml'), 'utf8');
          // Identical rules and tests give identical verdicts: many variants share them, so each
          // distinct pair is mutated once (this keeps CI within budget).
          const key = createHash('sha256').update(rulesText).update('\0').update(testsText).digest('hex');
          const earlier = mutantVerdicts.get(key);
          if (earlier) {
            assert.deepEqual(earlier.survivors, [], 'rule tests pass although the rule changed');
            log(`same rules and tests as ${earlier.variant}: its ${earlier.count} mutants were all rejected`);
            return;
          }
          const work = join(ROOT, variant.name, 'rule-mutants');
          mkdirSync(work, { recursive: true });
          const mutants = ruleMutants(rulesText);
          assert.ok(mutants.length >= 15, `only ${mutants.length} mutants`);
          const survivors = mutants.filter((mutant) => {
            writeFileSync(join(work, 'alert_rules.yml'), mutant.text);
            writeFileSync(join(work, 'alert_rules_test.yml'), testsOfAlert(testsText, mutant.alert));
            return run(promtool, ['test', 'rules', 'alert_rules_test.yml'], work).status === 0;
          });
          mutantVerdicts.set(key, { variant: variant.name, count: mutants.length, survivors: survivors.map((m) => m.name) });
          assert.deepEqual(survivors.map((m) => m.name), [], 'rule tests pass although the rule changed');
          log(`${mutants.length} mutants of alert_rules.yml, all rejected by promtool test rules`);
        });

        it('Grafana dashboards: the project\'s checker (JSON model, variables, PromQL parsed by promtool, metric contract)', () => {
          const python = opsTool('python');
          const env = { PATH: `${join(systemTool('promtool'), '..')}:${process.env.PATH ?? ''}` };
          const inputs = ['tools/check_dashboards.py', 'monitoring/grafana/dashboards', 'monitoring/prometheus/alert_rules.yml'];
          checkOnce(variant.name, python, ['tools/check_dashboards.py', '--self-test'], dir, 'check_dashboards --self-test', ['tools/check_dashboards.py'], env);
          const out = checkOnce(variant.name, python, ['tools/check_dashboards.py', '--require-gauge', '--rules', 'monitoring/prometheus/alert_rules.yml'], dir, 'check_dashboards', inputs, env);
          assert.match(out, new RegExp(`${rag || ts ? 5 : 4} dashboards`));
        });

        it('GitHub workflows: actionlint (with shellcheck) and the workflow schema', () => {
          const found = files(workflows, '.yml');
          assert.deepEqual(found.map((f) => f.split('/').pop()), ['ci.yml', 'deploy.yml', 'train.yml']);
          // actionlint also reads .github/actionlint.yaml when a project has one.
          checkOnce(variant.name, opsTool('actionlint'), ['-shellcheck', systemTool('shellcheck'), ...found], dir, 'actionlint', ['.github']);
          checkOnce(variant.name, opsTool('check-jsonschema'), ['--builtin-schema', 'vendor.github-workflows', ...found], dir, 'workflow schema', found);
        });
      }

      if (!starter) {
        it('in-cluster Prometheus (monitoring-stack.yaml): schema with Kubernetes discovery, promtool on the rest', () => {
          const out = join(ROOT, variant.name, 'extracted');
          const extracted = extractInClusterConfig(dir, out);
          const [config, staticConfig] = [relative(out, extracted.config), relative(out, extracted.staticConfig)];
          checkOnce(variant.name, opsTool('check-jsonschema'), ['--schemafile', join(SCHEMAS, 'prometheus.json'), config], out, 'in-cluster prometheus.yml schema', [config]);
          const promtool = checkOnce(variant.name, systemTool('promtool'), ['check', 'config', staticConfig], out, 'promtool check config (in-cluster, static)', [join(staticConfig, '..')]);
          assert.match(promtool, new RegExp(`${ruleCount} rules found`));
        });
      }

      if (option('--infrastructure') === 'cloud-vms') {
        it('Terraform: every .tf parses (python-hcl2) and every var.* reference is declared', () => {
          const code = [
            'import pathlib, re, sys, hcl2',
            'tf = sorted(pathlib.Path("infrastructure/terraform").glob("*.tf"))',
            'assert [p.name for p in tf] == ["main.tf", "outputs.tf", "variables.tf"], tf',
            'for p in tf:',
            '    with p.open() as f: hcl2.load(f)',
            'declared = set(re.findall(r\'^variable\\s+"(\\w+)"\', pathlib.Path("infrastructure/terraform/variables.tf").read_text(), re.M))',
            'used = set(re.findall(r"\\bvar\\.(\\w+)", "".join(p.read_text() for p in tf)))',
            'problems = [f"var.{v} is used but not declared" for v in sorted(used - declared)] + [f"variable {v} is declared but never used" for v in sorted(declared - used)]',
            'print("\\n".join(problems) or f"{len(tf)} files, {len(declared)} variables: OK")',
            'sys.exit(1 if problems else 0)',
          ].join('\n');
          check(opsTool('python'), ['-c', code], dir, 'terraform parse');
        });
      }
    });
  }
});
