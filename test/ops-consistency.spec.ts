/**
 * Cross-references inside the generated operations files that no schema or linter sees:
 * Compose services, volumes and build paths; Kubernetes manifests that must agree with each other,
 * with the secrets template, with the deploy workflow and with the monitoring/ sources they embed;
 * files the workflows use; for every maturity x infrastructure. The tools themselves (schemas,
 * linters, promtool) run in test/e2e/ops-files.e2e.ts.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { INFRASTRUCTURES, MATURITIES, type Infrastructure, type Maturity } from '../lib/answers.js';
import { cleanupFolders, readTree, runGenerator } from './helpers/project.js';

const PROJECT_NAME = 'churn-model';
/** The default apiPort answer: the container port that the Service, probes and scrape config use. */
const API_PORT = 7070;
/** What the deploy workflow replaces with the pushed image; the manifests must contain exactly this. */
const IMAGE_PLACEHOLDER = `ghcr.io/your-org/${PROJECT_NAME}-serving:0.1.0`;
const TRAINING_IMAGE = `ghcr.io/your-org/${PROJECT_NAME}-training:0.1.0`;

const COMPOSE = 'infrastructure/docker/docker-compose.yml';
const K8S = 'infrastructure/kubernetes';
const DEPLOY_WORKFLOW = '.github/workflows/deploy.yml';

interface Combination { maturity: Maturity; infrastructure: Infrastructure }
// ---------------------------------------------------------------------------------------------
// The expected set of operations files (restated from generators/*/files.ts and lib/context.ts
// featuresFor, on purpose not computed from them: this is the oracle).

const OPS_PREFIXES = ['.github/workflows/', 'infrastructure/', 'monitoring/', '.dockerignore'];

function expectedOpsFiles({ maturity, infrastructure }: Combination): string[] {
  const starter = maturity === 'starter';
  const cluster = infrastructure === 'kubernetes';
  const files = ['.dockerignore', COMPOSE, 'infrastructure/docker/Dockerfile.serving', 'infrastructure/docker/Dockerfile.training'];
  if (infrastructure === 'cloud-vms') files.push(...['main.tf', 'variables.tf', 'outputs.tf'].map((f) => `infrastructure/terraform/${f}`));
  if (!starter) {
    files.push(...['ci.yml', 'train.yml', 'deploy.yml'].map((f) => `.github/workflows/${f}`));
    files.push(...['prometheus.yml', 'alert_rules.yml', 'alert_rules_test.yml'].map((f) => `monitoring/prometheus/${f}`));
    files.push(...['training_metrics', 'serving_metrics', 'data_quality', 'infrastructure'].map((f) => `monitoring/grafana/dashboards/${f}.json`));
    files.push('monitoring/grafana/provisioning/datasources/prometheus.yml', 'monitoring/grafana/provisioning/dashboards/dashboards.yml');
  }
  // Serving runs on a cluster from Production up (deploy.yml), or whenever training runs on one anyway:
  // its manifests, the bundle deploy.yml applies, the secrets template and, with monitoring, the
  // in-cluster Prometheus + Grafana that the canary gate queries.
  if (!starter || cluster) files.push(...['namespace', 'deployment', 'service', 'hpa', 'serving-deployment', 'secrets'].map((f) => `${K8S}/${f}.yaml`));
  if (!starter) files.push(`${K8S}/monitoring-stack.yaml`);
  if (cluster) files.push(`${K8S}/training-job.yaml`);
  if (maturity === 'advanced') files.push(`${K8S}/canary-deployment.yaml`);
  return files.sort();
}

function opsFilesIn(root: string): string[] {
  return [...readTree(root).keys()].filter((path) => OPS_PREFIXES.some((prefix) => path.startsWith(prefix))).sort();
}

// ---------------------------------------------------------------------------------------------
// Reading YAML: a parse error fails the test naming the file, never as an unrelated TypeError later.

/** assert.ok without the meaningless `-false +true` diff: the message says it all. */
function ensure(ok: boolean, message: string): asserts ok {
  if (!ok) assert.fail(message);
}

function readText(root: string, file: string): string {
  ensure(existsSync(join(root, file)), `${file} does not exist`);
  return readFileSync(join(root, file), 'utf8');
}

function readYaml<T>(root: string, file: string): T {
  const text = readText(root, file);
  try {
    // merge: Compose files share environment blocks through `<<: *anchor`.
    return parse(text, { merge: true }) as T;
  } catch (error) {
    throw new Error(`${file}: not valid YAML: ${(error as Error).message}`);
  }
}

/** Every non-empty document of a multi-document file. */
function readYamlDocuments(root: string, file: string): unknown[] {
  const docs = parseAllDocuments(readText(root, file));
  const out: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${file}: not valid YAML: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** Collects every failed check, so that one run names all the problems and not just the first. */
class Problems {
  readonly found: string[] = [];

  check(ok: boolean, message: string): void {
    if (!ok) this.found.push(message);
  }
}

function assertNoProblems(found: readonly string[]): void {
  ensure(found.length === 0, `${found.length} problem(s):\n  - ${found.join('\n  - ')}`);
}

// ---------------------------------------------------------------------------------------------
// Docker Compose. Paths are relative to the Compose file's folder.

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  depends_on?: string[] | Record<string, { condition?: string } | null>;
  volumes?: (string | { type?: string; source?: string })[];
  healthcheck?: unknown;
}

interface ComposeFile {
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown> | null;
}

type Mount = { kind: 'bind' | 'volume'; source: string } | { kind: 'anonymous' };

/** Short syntax `source:target[:mode]`: a source starting with . or / is a host path, else a named volume. */
function mountOf(entry: string | { type?: string; source?: string }): Mount {
  if (typeof entry !== 'string') {
    if (!entry.source) return { kind: 'anonymous' };
    return { kind: entry.type === 'bind' ? 'bind' : 'volume', source: entry.source };
  }
  const [source, target] = entry.split(':');
  if (source === undefined || target === undefined) return { kind: 'anonymous' };
  return { kind: source.startsWith('.') || source.startsWith('/') ? 'bind' : 'volume', source };
}

/** depends_on as a map of service -> condition (the short list syntax means service_started). */
function dependencies(service: ComposeService): [string, string][] {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return deps.map((name) => [name, 'service_started']);
  return Object.entries(deps).map(([name, spec]) => [name, spec?.condition ?? 'service_started']);
}

function composeProblems(root: string): string[] {
  const problems = new Problems();
  const compose = readYaml<ComposeFile>(root, COMPOSE);
  const base = join(root, dirname(COMPOSE));
  const shown = (path: string) => relative(root, path) || '. (the project root)';
  const services = compose.services ?? {};
  const declared = new Set(Object.keys(compose.volumes ?? {}));
  const used = new Set<string>();
  problems.check(Object.keys(services).length > 0, `${COMPOSE}: no services`);

  for (const [name, service] of Object.entries(services)) {
    const where = `${COMPOSE}: service ${name}`;
    for (const [dep, condition] of dependencies(service)) {
      const target = Object.hasOwn(services, dep) ? services[dep] : undefined;
      problems.check(target !== undefined, `${where} depends_on unknown service ${dep}`);
      if (target) problems.check(condition !== 'service_healthy' || target.healthcheck !== undefined, `${where} waits for ${dep} to be healthy but ${dep} has no healthcheck`);
    }
    for (const entry of service.volumes ?? []) {
      const mount = mountOf(entry);
      if (mount.kind === 'bind') problems.check(existsSync(resolve(base, mount.source)), `${where}: bind-mount source ${mount.source} (${shown(resolve(base, mount.source))}) does not exist`);
      if (mount.kind === 'volume') {
        used.add(mount.source);
        problems.check(declared.has(mount.source), `${where}: volume ${mount.source} is not declared under the top-level volumes:`);
      }
    }
    if (service.build !== undefined) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      const context = resolve(base, build.context ?? '.');
      const dockerfile = resolve(context, build.dockerfile ?? 'Dockerfile');
      problems.check(existsSync(context) && statSync(context).isDirectory(), `${where}: build context ${shown(context)} is not a folder`);
      problems.check(existsSync(dockerfile) && statSync(dockerfile).isFile(), `${where}: Dockerfile ${shown(dockerfile)} does not exist`);
    }
    problems.check(service.image !== undefined || service.build !== undefined, `${where} has neither image nor build`);
  }
  for (const volume of declared) problems.check(used.has(volume), `${COMPOSE}: volume ${volume} is declared but no service mounts it`);
  return problems.found;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

type Labels = Record<string, string>;

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels; annotations?: Labels };
}

interface SecretKeyRef { name: string; key: string; optional?: boolean }
interface Probe { httpGet?: { path?: string } }

interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort?: number }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: SecretKeyRef } }[];
  envFrom?: { secretRef?: { name: string; optional?: boolean } }[];
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
}

interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type?: string } };
  serviceAccountName?: string;
  containers: Container[];
  volumes?: { name: string; configMap?: { name: string; optional?: boolean } }[];
  topologySpreadConstraints?: unknown;
}

interface Workload extends Manifest {
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Labels };
    backoffLimit?: number;
    ttlSecondsAfterFinished?: number;
    template: { metadata?: { labels?: Labels }; spec: PodSpec };
  };
}

interface ServiceManifest extends Manifest {
  spec: { type?: string; selector?: Labels; ports?: { port?: number; targetPort?: string | number }[] };
}

interface HpaManifest extends Manifest {
  spec: { scaleTargetRef?: { kind?: string; name?: string } };
}

interface SecretManifest extends Manifest { stringData?: Record<string, string>; data?: unknown }
interface ConfigMapManifest extends Manifest { data?: Record<string, string> }

/** The manifests of a project; the optional ones exist only for some answers. */
interface Manifests {
  namespace: string;
  deployment: Workload;
  service: ServiceManifest;
  hpa: HpaManifest;
  canary?: Workload;
  job?: Workload;
  secrets?: Map<string, SecretManifest>;
  monitoring?: Manifest[];
}

function readManifests(root: string, file: string): Manifest[] {
  return readYamlDocuments(root, file).map((doc, i) => {
    const m = doc as Partial<Manifest>;
    ensure(typeof m.kind === 'string' && typeof m.metadata?.name === 'string', `${file}: document ${i + 1} has no kind or metadata.name`);
    if (m.kind === 'Deployment' || m.kind === 'Job') {
      ensure(Array.isArray((doc as Workload).spec?.template?.spec?.containers), `${file}: ${m.kind}/${m.metadata?.name} has no spec.template.spec.containers`);
    }
    return doc as Manifest;
  });
}

/** The single document of a file that holds one object. */
function readOne<T extends Manifest>(root: string, file: string, kind: string): T {
  const docs = readManifests(root, file);
  ensure(docs.length === 1 && docs[0]?.kind === kind, `${file}: expected one ${kind}, found ${docs.map((d) => d.kind).join(', ') || 'nothing'}`);
  return docs[0] as T;
}

function readOptional<T extends Manifest>(root: string, file: string, kind: string): T | undefined {
  return existsSync(join(root, file)) ? readOne<T>(root, file, kind) : undefined;
}

function loadManifests(root: string): Manifests {
  const optional = (file: string) => (existsSync(join(root, file)) ? readManifests(root, file) : undefined);
  const secrets = optional(`${K8S}/secrets.yaml`);
  return {
    namespace: readOne(root, `${K8S}/namespace.yaml`, 'Namespace').metadata.name,
    deployment: readOne<Workload>(root, `${K8S}/deployment.yaml`, 'Deployment'),
    service: readOne<ServiceManifest>(root, `${K8S}/service.yaml`, 'Service'),
    hpa: readOne<HpaManifest>(root, `${K8S}/hpa.yaml`, 'HorizontalPodAutoscaler'),
    canary: readOptional<Workload>(root, `${K8S}/canary-deployment.yaml`, 'Deployment'),
    job: readOptional<Workload>(root, `${K8S}/training-job.yaml`, 'Job'),
    secrets: secrets && new Map(secrets.map((s) => [s.metadata.name, s as SecretManifest])),
    monitoring: optional(`${K8S}/monitoring-stack.yaml`),
  };
}

const idOf = (m: Manifest) => `${m.kind}/${m.metadata.name}`;
const firstContainer = (w: Workload): Container | undefined => w.spec.template.spec.containers[0];
const includesLabels = (labels: Labels, subset: Labels) => Object.entries(subset).every(([k, v]) => labels[k] === v);

/** serving-deployment.yaml is what the deploy workflow applies: the three files it bundles, unchanged. */
function bundleProblems(root: string): string[] {
  const file = `${K8S}/serving-deployment.yaml`;
  if (!existsSync(join(root, file))) return [];
  const problems = new Problems();
  const bundled = readManifests(root, file);
  const sources = ['deployment.yaml', 'service.yaml', 'hpa.yaml'].flatMap((f) => readManifests(root, `${K8S}/${f}`).map((doc) => ({ f, doc })));
  // Documents are compared in order; with a different count every one of them would differ.
  if (bundled.length !== sources.length) return [`${file}: ${bundled.length} documents, deployment.yaml + service.yaml + hpa.yaml have ${sources.length}`];
  sources.forEach(({ f, doc }, i) => {
    problems.check(isDeepStrictEqual(bundled[i], doc), `${file}: document ${i + 1} differs from ${idOf(doc)} of ${K8S}/${f}`);
  });
  return problems.found;
}

/** Service, HPA and canary agree with the stable Deployment. */
function servingProblems(m: Manifests): string[] {
  const problems = new Problems();
  const { deployment, service, hpa, canary } = m;
  const selector = service.spec.selector ?? {};
  problems.check(Object.keys(selector).length > 0, `${K8S}/service.yaml: the Service has no selector`);
  for (const dep of [deployment, canary].filter((d): d is Workload => d !== undefined)) {
    const podLabels = dep.spec.template.metadata?.labels ?? {};
    problems.check(includesLabels(podLabels, selector), `${K8S}/service.yaml: selector ${JSON.stringify(selector)} does not select the pods of ${idOf(dep)}`);
    problems.check(includesLabels(podLabels, dep.spec.selector?.matchLabels ?? { missing: 'matchLabels' }), `${idOf(dep)}: spec.selector.matchLabels does not match its own pod labels`);
  }
  if (canary) {
    const where = `${K8S}/canary-deployment.yaml`;
    problems.check(!isDeepStrictEqual(deployment.spec.selector, canary.spec.selector), `${where}: the canary selector equals the stable one (each Deployment would adopt the other's pods)`);
    problems.check(canary.spec.replicas === 1, `${where}: the canary must run 1 replica, not ${canary.spec.replicas}`);
    problems.check(canary.metadata.labels?.track === 'canary', `${where}: metadata.labels.track must be canary`);
    problems.check(canary.spec.template.metadata?.labels?.track === 'canary', `${where}: pod label track must be canary (Prometheus compares the tracks)`);
    // Same pod spec as stable, so the canary tests the new image and nothing else.
    const stablePod = structuredClone(deployment.spec.template.spec);
    delete stablePod.topologySpreadConstraints;
    problems.check(isDeepStrictEqual(stablePod, canary.spec.template.spec), `${where}: pod spec differs from the stable one in ${K8S}/deployment.yaml (other than topologySpreadConstraints)`);
  }
  problems.check(!('replicas' in deployment.spec), `${K8S}/deployment.yaml: sets replicas while the HPA owns them (each apply would reset the count)`);
  const target = hpa.spec.scaleTargetRef;
  problems.check(target?.kind === 'Deployment' && target.name === deployment.metadata.name, `${K8S}/hpa.yaml: scaleTargetRef ${target?.kind}/${target?.name} is not ${idOf(deployment)}`);

  const port = service.spec.ports?.[0];
  problems.check(service.spec.type === 'ClusterIP' && port?.port === 80, `${K8S}/service.yaml: must be ClusterIP on port 80`);
  const containerPort = firstContainer(deployment)?.ports?.[0];
  problems.check(containerPort?.containerPort === API_PORT && containerPort.name !== undefined && port?.targetPort === containerPort.name,
    `${K8S}/service.yaml: targetPort ${port?.targetPort} is not the named container port (${containerPort?.name}: ${containerPort?.containerPort}, expected ${API_PORT})`);
  const ann = service.metadata.annotations ?? {};
  problems.check(ann['prometheus.io/scrape'] === 'true' && ann['prometheus.io/port'] === String(API_PORT) && ann['prometheus.io/path'] === '/metrics',
    `${K8S}/service.yaml: scrape annotations must be scrape "true", port "${API_PORT}", path /metrics`);
  return problems.found;
}

/** Every pod: namespace, restricted security posture, resources, volumes, secret references, probes. */
function workloadProblems(m: Manifests): string[] {
  const problems = new Problems();
  const serving = [m.deployment, m.canary].filter((d): d is Workload => d !== undefined);
  const monitoringDeployments = (m.monitoring ?? []).filter((d) => d.kind === 'Deployment') as Workload[];
  const workloads = [...serving, ...(m.job ? [m.job] : []), ...monitoringDeployments];
  const configMaps = new Set((m.monitoring ?? []).filter((d) => d.kind === 'ConfigMap').map((d) => d.metadata.name));
  const serviceAccounts = new Set((m.monitoring ?? []).filter((d) => d.kind === 'ServiceAccount').map((d) => d.metadata.name));
  // Without secrets.yaml the Secret is the user's to create: a reference to it must be optional.
  const secretRef = (where: string, name: string, key: string | undefined, optional: boolean | undefined) => {
    const ref = key === undefined ? name : `${name}/${key}`;
    if (!m.secrets) {
      problems.check(optional === true, `${where}: secret ${ref} is not optional but the project has no secrets.yaml`);
    } else {
      const secret = m.secrets.get(name);
      problems.check(secret !== undefined && (key === undefined || key in (secret.stringData ?? {})), `${where}: secret ${ref} is not in ${K8S}/secrets.yaml`);
    }
  };

  for (const w of workloads) {
    const name = idOf(w);
    const pod = w.spec.template.spec;
    problems.check(w.metadata.namespace === m.namespace, `${name}: namespace ${w.metadata.namespace} is not ${m.namespace} (namespace.yaml)`);
    problems.check(pod.securityContext?.runAsNonRoot === true, `${name}: pod securityContext.runAsNonRoot must be true`);
    problems.check(pod.securityContext?.seccompProfile?.type === 'RuntimeDefault', `${name}: pod seccompProfile must be RuntimeDefault`);
    if (pod.serviceAccountName) problems.check(serviceAccounts.has(pod.serviceAccountName), `${name}: ServiceAccount ${pod.serviceAccountName} is not defined`);
    const volumes = new Set((pod.volumes ?? []).map((v) => v.name));
    for (const v of pod.volumes ?? []) {
      if (v.configMap) problems.check(v.configMap.optional === true || configMaps.has(v.configMap.name), `${name}: volume ${v.name} mounts ConfigMap ${v.configMap.name}, which is not defined`);
    }
    for (const c of pod.containers) {
      const where = `${name}/${c.name}`;
      const sc = c.securityContext ?? {};
      problems.check(sc.readOnlyRootFilesystem === true, `${where}: readOnlyRootFilesystem must be true`);
      problems.check(sc.allowPrivilegeEscalation === false, `${where}: allowPrivilegeEscalation must be false`);
      problems.check(isDeepStrictEqual(sc.capabilities?.drop, ['ALL']), `${where}: capabilities.drop must be [ALL]`);
      const has = (r: Record<string, unknown> | undefined) => r !== undefined && 'cpu' in r && 'memory' in r;
      problems.check(has(c.resources?.requests) && has(c.resources?.limits), `${where}: needs requests and limits for cpu and memory`);
      // A read-only root needs a writable /tmp; Prometheus writes only to its TSDB volume.
      if (c.name !== 'prometheus') problems.check((c.volumeMounts ?? []).some((vm) => vm.mountPath === '/tmp'), `${where}: no writable /tmp mount`);
      for (const vm of c.volumeMounts ?? []) problems.check(volumes.has(vm.name), `${where}: mounts undeclared volume ${vm.name}`);
      for (const env of c.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef;
        if (ref) secretRef(where, ref.name, ref.key, ref.optional);
      }
      for (const from of c.envFrom ?? []) if (from.secretRef) secretRef(where, from.secretRef.name, undefined, from.secretRef.optional);
      // A Job runs to completion; everything long-running needs both probes.
      if (w.kind === 'Deployment') problems.check(c.readinessProbe !== undefined && c.livenessProbe !== undefined, `${where}: needs a readinessProbe and a livenessProbe`);
    }
  }
  for (const dep of serving) {
    const c = firstContainer(dep);
    problems.check(c?.readinessProbe?.httpGet?.path === '/ready', `${idOf(dep)}: readinessProbe must GET /ready (no traffic before a model is loaded)`);
    problems.check(c?.livenessProbe?.httpGet?.path === '/health', `${idOf(dep)}: livenessProbe must GET /health`);
    problems.check(c?.image === IMAGE_PLACEHOLDER, `${idOf(dep)}: image ${c?.image} is not the placeholder ${IMAGE_PLACEHOLDER} that deploy.yml replaces`);
  }
  if (m.job) {
    problems.check(m.job.spec.backoffLimit !== undefined && m.job.spec.ttlSecondsAfterFinished !== undefined, `${K8S}/training-job.yaml: needs backoffLimit and ttlSecondsAfterFinished`);
    problems.check(firstContainer(m.job)?.image === TRAINING_IMAGE, `${K8S}/training-job.yaml: image ${firstContainer(m.job)?.image} is not ${TRAINING_IMAGE}`);
  }
  return problems.found;
}

/** secrets.yaml is a template: credentials stay empty, and stringData (not base64 data) is used. */
function secretTemplateProblems(m: Manifests): string[] {
  const problems = new Problems();
  const credential = (key: string) => ['PASSWORD', 'SECRET_ACCESS_KEY', 'ACCESS_KEY_ID'].some((s) => key.endsWith(s)) || key.includes('TOKEN');
  for (const [name, secret] of m.secrets ?? []) {
    for (const [key, value] of Object.entries(secret.stringData ?? {})) {
      if (credential(key)) problems.check(value === '', `${K8S}/secrets.yaml: ${name}/${key} must be empty in the template`);
    }
    problems.check(secret.data === undefined, `${K8S}/secrets.yaml: ${name} uses data; use stringData with empty values`);
  }
  return problems.found;
}

/** The deploy workflow finds the manifests' objects by these names and replaces the image placeholder. */
function deployWorkflowProblems(root: string, m: Manifests): string[] {
  if (!existsSync(join(root, DEPLOY_WORKFLOW))) return [];
  const problems = new Problems();
  const env = readYaml<{ env?: Record<string, unknown> }>(root, DEPLOY_WORKFLOW).env ?? {};
  const expectEnv = (key: string, value: string, source: string) =>
    problems.check(env[key] === value, `${DEPLOY_WORKFLOW}: env ${key} is ${JSON.stringify(env[key])}, ${source} has ${value}`);
  expectEnv('IMAGE_PLACEHOLDER', IMAGE_PLACEHOLDER, `${K8S}/deployment.yaml`);
  expectEnv('K8S_NAMESPACE', m.namespace, `${K8S}/namespace.yaml`);
  expectEnv('DEPLOYMENT', m.deployment.metadata.name, `${K8S}/deployment.yaml`);
  if (m.canary) expectEnv('CANARY_DEPLOYMENT', m.canary.metadata.name, `${K8S}/canary-deployment.yaml`);
  return problems.found;
}

/** monitoring-stack.yaml embeds monitoring/ files: the copies must not drift from their sources. */
function monitoringStackProblems(root: string, monitoring: Manifest[]): string[] {
  const problems = new Problems();
  const file = `${K8S}/monitoring-stack.yaml`;
  const configMap = (name: string) => (monitoring.find((d) => d.kind === 'ConfigMap' && d.metadata.name === name) as ConfigMapManifest | undefined)?.data ?? {};
  const source = (path: string) => readText(root, path);
  const embedded = (map: string, key: string, path: string) =>
    problems.check(configMap(map)[key] === source(path), `${file}: ConfigMap ${map} key ${key} differs from ${path}`);
  embedded('prometheus-config', 'alert_rules.yml', 'monitoring/prometheus/alert_rules.yml');
  embedded('grafana-provisioning', 'datasource-prometheus.yml', 'monitoring/grafana/provisioning/datasources/prometheus.yml');
  embedded('grafana-provisioning', 'dashboards.yml', 'monitoring/grafana/provisioning/dashboards/dashboards.yml');

  // prometheus.yml differs by design (service discovery), but keeps the job the alert rules select.
  const prometheus = parse(configMap('prometheus-config')['prometheus.yml'] ?? '{}') as { scrape_configs?: { job_name?: string }[] } | null;
  const jobs = (prometheus?.scrape_configs ?? []).map((sc) => sc.job_name);
  problems.check(jobs.includes('ml-serving-api'), `${file}: the embedded prometheus.yml has no ml-serving-api job (found ${jobs.join(', ')})`);

  const datasource = parse(configMap('grafana-provisioning')['datasource-prometheus.yml'] ?? '{}') as { datasources?: { url?: string }[] } | null;
  const service = monitoring.find((d) => d.kind === 'Service' && d.metadata.name === 'prometheus') as ServiceManifest | undefined;
  const url = `http://prometheus:${service?.spec.ports?.[0]?.port}`;
  problems.check(service !== undefined && datasource?.datasources?.[0]?.url === url, `${file}: the Grafana datasource URL ${datasource?.datasources?.[0]?.url} is not the prometheus Service (${url})`);
  return problems.found;
}

// ---------------------------------------------------------------------------------------------
// Workflows: every operations file they name exists (a missing one fails only at deploy time).

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

function workflowPathProblems(root: string): string[] {
  const problems = new Problems();
  const folder = '.github/workflows';
  if (!existsSync(join(root, folder))) return [];
  for (const name of readdirSync(join(root, folder)).sort()) {
    const file = `${folder}/${name}`;
    // Parsed values only, so comments do not count; a path starts a word (not src/monitoring/...).
    const paths = stringsIn(readYaml(root, file)).flatMap((s) => s.match(/(?<![\w./-])(?:infrastructure|monitoring)\/[^\s"'`|;()<>]+/g) ?? []);
    for (const path of new Set(paths.map((p) => p.replace(/[.,:]+$/, '')))) {
      if (/[*${]/.test(path)) continue; // globs and ${{ expressions }}
      problems.check(existsSync(join(root, path)), `${file}: uses ${path}, which the project does not contain`);
    }
  }
  return problems.found;
}

// ---------------------------------------------------------------------------------------------

describe('operations files: cross-references', () => {
  for (const maturity of MATURITIES.map((m) => m.value)) {
    for (const infrastructure of INFRASTRUCTURES.map((i) => i.value)) {
      const combination: Combination = { maturity, infrastructure };
      const expected = expectedOpsFiles(combination);
      const has = (file: string) => expected.includes(file);

      describe(`${infrastructure} / ${maturity}`, () => {
        let root = '';
        before(async () => {
          root = (await runGenerator('app', { projectName: PROJECT_NAME, mlType: 'traditional-ml', infrastructure, maturity, mode: 'skip', skipValidation: true })).cwd;
        });
        after(() => cleanupFolders());

        it('writes exactly the expected operations files', () => {
          const actual = opsFilesIn(root);
          const missing = expected.filter((f) => !actual.includes(f));
          const unexpected = actual.filter((f) => !expected.includes(f));
          ensure(missing.length + unexpected.length === 0, `operations files differ from expectedOpsFiles():\n  missing: ${missing.join(', ') || '-'}\n  unexpected: ${unexpected.join(', ') || '-'}`);
        });

        it('docker-compose.yml: dependencies, healthchecks, volumes, mounts and builds resolve', () => {
          assertNoProblems(composeProblems(root));
        });

        // Registered only where the file-set test above requires the manifests.
        if (has(`${K8S}/deployment.yaml`)) {
          it('Kubernetes: bundle, Service, HPA, canary, pod posture, secrets and deploy workflow agree', () => {
            const manifests = loadManifests(root);
            assertNoProblems([
              ...bundleProblems(root),
              ...servingProblems(manifests),
              ...workloadProblems(manifests),
              ...secretTemplateProblems(manifests),
              ...deployWorkflowProblems(root, manifests),
            ]);
          });
        }

        if (has(`${K8S}/monitoring-stack.yaml`)) {
          it('monitoring-stack.yaml embeds the monitoring/ sources unchanged', () => {
            assertNoProblems(monitoringStackProblems(root, readManifests(root, `${K8S}/monitoring-stack.yaml`)));
          });
        }

        if (has(DEPLOY_WORKFLOW)) {
          it('workflows: every infrastructure/ and monitoring/ file they use exists', () => {
            assertNoProblems(workflowPathProblems(root));
          });
        }
      });
    }
  }
});
