/**
 * End to end, on generated LLM/RAG projects (npm run test:e2e): the default one (Cloud VMs,
 * Production) and a Starter/Local one, each in a fresh virtual environment. Each proves what its
 * README promises, offline, on the local embedder and the local extractive answerer: its own
 * tests, `make lint`, `make all` from clean with the evaluation over its thresholds and the chain
 * registered, the API answering a corpus question with a citation of the right document and an
 * out-of-corpus one with "not in the documents", a document uploaded and then found, bad input
 * refused with 4xx, `make monitor` quiet on in-distribution queries and flagging off-topic ones,
 * and (the default one) a second evaluation (top_k 1) that does not register a worse configuration.
 *
 * E2E_RAG_PROJECTS=rag-default,rag-starter selects projects (default: both).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, log, must, projectBasics, readJson, registeredVersions, run, stop, waitFor, type E2eProject } from './harness.js';

interface RagProject extends E2eProject { drift: boolean }

const PROJECTS: RagProject[] = [
  { name: 'rag-default', args: ['--defaults', '--ml-type', 'llm-rag'], projectName: 'handbook-e2e', drift: true, notebooks: [] },
  { name: 'rag-starter', args: ['--defaults', '--ml-type', 'llm-rag', '--maturity', 'starter', '--infrastructure', 'local'], projectName: 'handbook-e2e', drift: false, notebooks: ['01_quickstart'] },
];

const selected = (process.env.E2E_RAG_PROJECTS ?? PROJECTS.map((p) => p.name).join(',')).split(',');

interface Question { id: string; question: string; answer: string; source: string | null; answerable: boolean }
interface Citation { chunk_id: string; source: string; score: number }
interface AskResponse { answer: string; answered: boolean; label: string; citations: Citation[]; timings_ms: Record<string, number>; request_id: string }

function questions(dir: string): Question[] {
  return readFileSync(join(dir, 'data/raw/questions.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Question);
}

/** Questions about other topics than the handbook: their embeddings must move away from the reference. */
function offTopicQuestions(count: number): string {
  const topics = ['sourdough bread', 'the offside rule', 'black holes', 'the French revolution', 'tomato plants', 'jazz chords',
    'marathon training', 'volcano eruptions', 'chess openings', 'coral reefs', 'medieval castles', 'knitting patterns'];
  const forms = ['How does {t} work?', 'What is the history of {t}?', 'Why do people care about {t}?', 'Explain {t} to a child.',
    'What are common mistakes with {t}?', 'Where can I learn about {t}?', 'Who first described {t}?', 'When did {t} become popular?',
    'What equipment is needed for {t}?', 'Is {t} dangerous?'];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const topic = topics[i % topics.length] ?? '';
    const form = forms[Math.floor(i / topics.length) % forms.length] ?? '';
    lines.push(JSON.stringify({ id: `shift-${i}`, question: form.replace('{t}', topic) }));
  }
  return `${lines.join('\n')}\n`;
}

for (const spec of PROJECTS.filter((p) => selected.includes(p.name))) {
  describe(`e2e: ${spec.name} project (${spec.args.join(' ')})`, function () {
    this.timeout(30 * 60 * 1000);
    const { dir, python, env, flowEnv, makeAllEnv } = projectBasics(spec);
    const modelName = 'handbook-e2e-rag';

    it('runs `make all` from a clean state: ingest, validate, index, evaluate over the thresholds, register', async () => {
      must(run('make', ['clean'], dir, env()), 'make clean');
      const result = must(run('make', ['all'], dir, await makeAllEnv(spec.drift)), 'make all');
      const evaluation = readJson(join(dir, 'reports/evaluation/metrics.json'));
      log(`make all: ${result.seconds.toFixed(0)} s; evaluation ${JSON.stringify(evaluation)}`);
      assert.equal(evaluation.registered, true, JSON.stringify(evaluation));
      assert.equal(evaluation.model_version, '1');
      const metrics = evaluation.metrics as Record<string, number>;
      for (const name of ['hit_rate_at_k', 'mrr', 'ndcg_at_k', 'answer_f1', 'groundedness', 'no_answer_rate', 'refusal_rate']) {
        assert.equal(typeof metrics[name], 'number', `${name} in ${JSON.stringify(metrics)}`);
      }
      assert.ok(existsSync(join(dir, 'data/predictions/answers.jsonl')), 'make predict answered the question set');
      assert.deepEqual(registeredVersions(dir, python, modelName), ['1']);
    });

    it('serves the champion: cited answers, "not in the documents", an uploaded document found, 4xx on bad input, metrics', async () => {
      const port = await freePort();
      const server = spawn(python, ['-m', 'handbook_e2e.serving.api'], {
        cwd: dir, env: { ...process.env, ...env(), API_PORT: String(port), API_HOST: '127.0.0.1' }, detached: true, stdio: 'ignore',
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        const ready = await (await waitFor(`${base}/ready`, 200, 120)).json() as Record<string, unknown>;
        assert.equal(ready.model_version, '1', JSON.stringify(ready));
        const ask = async (question: string): Promise<AskResponse> => {
          const response = await fetch(`${base}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
          assert.equal(response.status, 200, await response.clone().text());
          assert.ok(response.headers.get('x-request-id'));
          return await response.json() as AskResponse;
        };

        const known = questions(dir).find((q) => q.answerable);
        assert.ok(known, 'the question set has answerable questions');
        const answered = await ask(known.question);
        assert.equal(answered.answered, true, JSON.stringify(answered));
        assert.equal(answered.citations[0]?.source, known.source, `cited the right document: ${JSON.stringify(answered.citations)}`);
        assert.ok(answered.answer.length > 0);

        const outside = await ask('What is the boiling point of mercury at sea level?');
        assert.equal(outside.answered, false, JSON.stringify(outside));
        assert.match(outside.answer, /not .*in the documents|could not find/i);

        const form = new FormData();
        // A product the corpus does not have: its name is a word the embedder was never fitted on.
        const doc = '# Quasarion K7 Drone\n\nThe Quasarion K7 drone has a flight time of 47 minutes. It comes with a seven-year warranty.\n';
        form.append('file', new Blob([doc], { type: 'text/markdown' }), 'quasarion-k7.md');
        const upload = await fetch(`${base}/documents`, { method: 'POST', body: form });
        assert.equal(upload.status, 201, await upload.clone().text());
        const uploaded = await upload.json() as { doc_id: string; chunks: number };
        assert.ok(uploaded.chunks >= 1, JSON.stringify(uploaded));
        const found = await ask('What is the flight time of the Quasarion K7 drone?');
        assert.equal(found.answered, true, JSON.stringify(found));
        assert.equal(found.citations[0]?.source, uploaded.doc_id, JSON.stringify(found.citations));
        assert.match(found.answer, /47 minutes/);

        const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const bad: Array<[string, string, RequestInit, number]> = [
          ['an empty question', '/ask', json({ question: '   ' }), 422],
          ['a question over the length limit', '/ask', json({ question: 'why '.repeat(5000) }), 422],
          ['a question that is not text', '/ask', json({ question: 12 }), 422],
          ['an unsupported file type', '/documents', (() => { const f = new FormData(); f.append('file', new Blob(['x']), 'x.exe'); return { method: 'POST', body: f }; })(), 415],
        ];
        for (const [what, path, init, status] of bad) {
          const response = await fetch(`${base}${path}`, init);
          const text = await response.text();
          assert.equal(response.status, status, `${what}: HTTP ${response.status} ${text.slice(0, 300)}`);
          assert.ok(text.length < 4000, `${what}: the error does not echo the input back (${text.length} bytes)`);
        }
        const feedback = await fetch(`${base}/feedback`, json({ request_id: answered.request_id, rating: 'up', comment: 'cited the right page' }));
        assert.equal(feedback.status, 201, await feedback.clone().text());

        const removed = await fetch(`${base}/documents/${uploaded.doc_id}`, { method: 'DELETE' });
        assert.equal(removed.status, 200, await removed.clone().text());
        assert.equal((await fetch(`${base}/documents/${uploaded.doc_id}`, { method: 'DELETE' })).status, 404);

        const metrics = await (await fetch(`${base}/metrics`)).text();
        assert.match(metrics, /rag_tokens_total\{/);
        assert.match(metrics, /rag_stage_duration_seconds_bucket\{/);
        assert.match(metrics, /rag_answers_total\{answered="false"\} 1\.0/);
        assert.match(metrics, /rag_feedback_total\{rating="up"\} 1\.0/);
        log(`served on port ${port}: "${known.question}" → ${answered.citations[0]?.source} in ${JSON.stringify(answered.timings_ms)}; 4 bad requests refused`);
      } finally {
        await stop(server);
      }
    });

    if (spec.drift) {
      it('monitoring flow: quiet on the handbook questions, drift on off-topic questions', async () => {
        const quiet = must(run('make', ['monitor'], dir, await flowEnv()), 'make monitor');
        const latest = readJson(join(dir, 'reports/monitoring/latest.json'));
        assert.equal(latest.drift_detected, false, JSON.stringify(latest));
        assert.ok(existsSync(join(dir, 'reports/monitoring/latest.html')));
        writeFileSync(join(dir, 'data/external/off_topic.jsonl'), offTopicQuestions(150));
        must(run(python, ['-m', 'handbook_e2e.pipelines.inference_pipeline', '--input', 'data/external/off_topic.jsonl', '--output', 'data/predictions/off_topic.jsonl'], dir, await flowEnv()), 'answering off-topic questions');
        const shifted = must(run('make', ['monitor'], dir, await flowEnv()), 'make monitor on off-topic queries');
        const drifted = readJson(join(dir, 'reports/monitoring/latest.json'));
        assert.equal(drifted.drift_detected, true, JSON.stringify(drifted));
        log(`make monitor: ${quiet.seconds.toFixed(0)} s quiet, ${shifted.seconds.toFixed(0)} s on off-topic queries: ${JSON.stringify(drifted).slice(0, 400)}`);
      });
    }

    // The gate is the same code at every maturity: the default project proves it.
    if (spec.name === 'rag-default') it('does not register a worse configuration (top_k 1)', async () => {
      const result = must(run('make', ['evaluate', 'EVAL_ARGS=--top-k 1'], dir, await flowEnv()), 'evaluation with top_k 1');
      const evaluation = readJson(join(dir, 'reports/evaluation/metrics.json'));
      log(`second evaluation (top_k 1): ${result.seconds.toFixed(0)} s; ${JSON.stringify(evaluation)}`);
      assert.equal(evaluation.registered, false, JSON.stringify(evaluation));
      assert.deepEqual(registeredVersions(dir, python, modelName), ['1']);
    });
  });
}
