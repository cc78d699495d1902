import { App, Card, Spin, Steps, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormValues, ProjectSummary } from '../../../shared/api/acceptance';
import { AppError } from '../../../shared/api/errors';
import type { IdCard } from '../../../shared/domain/idcard/card';
import { checkUscc, maskName } from '../../../shared/domain/identifiers';
import { applyClerkEdit, plainValues, type PrefilledForm, type StageForm } from '../../../shared/domain/forms';
import { api } from '../api/client';
import { useApi, useApiEvent, useApiMutation } from '../api/hooks';
import { FormStep, formValidation } from './FormStep';
import { GuideDrawer } from './GuideDrawer';
import { effectiveCounts } from './MaterialCounts';
import { MaterialsStep } from './MaterialsStep';
import { ProjectStep } from './ProjectStep';
import { ResultStep } from './ResultStep';
import { ReviewStep, type DeficiencyChoice } from './ReviewStep';
import { StageStep } from './StageStep';
import { INITIAL_STATE, STEPS, STEP_TITLES, applyCard, type AcceptanceState, type Attachment, type Scope } from './model';
import './acceptance.css';

/** Decided in the stage step; the form shows them but they are changed there, where the items follow. */
export const SCOPE_KEYS = ['project.type', 'project.landSource', 'project.specialWorks'];

function formValues(values: PrefilledForm): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(plainValues(values))) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** The counts sent with a collected material: the guide's and the files' unless the clerk changed them. */
function collectedCountsOf(s: AcceptanceState, code: string) {
  const line = s.checklist.find((l) => l.code === code);
  return line ? effectiveCounts(line, s.attachments[code] ?? [], s.counts[code]) : {};
}

function message(error: unknown): string {
  return error instanceof AppError || error instanceof Error ? error.message : '操作失败，请重试';
}

/** Where the window remembers the draft it is working on, so a reload or crash brings it back. */
export const LAST_DRAFT_KEY = 'onewindow.acceptance.draft';
const AUTOSAVE_DELAY_MS = 600;

interface DraftData {
  state: Omit<AcceptanceState, 'composed' | 'result' | 'draftId'>;
}

/**
 * 受理: find or create the project → stage and items → the one form → materials → review →
 * accept. Enter moves on, Ctrl+S parks a draft, Ctrl+Enter accepts from the review.
 */
export function AcceptanceScreen({ resumeLast = true }: { resumeLast?: boolean } = {}) {
  const { message: toast } = App.useApp();
  const catalog = useApi('acceptance.catalog', {});
  const [state, setState] = useState<AcceptanceState>(INITIAL_STATE);
  // Composing a form and accepting are the screen's two long acts; the button waits on them.
  const composing = useApiMutation('acceptance.compose');
  const submitting = useApiMutation('acceptance.submit', ['acceptance.findProjects', 'cases.list', 'cases.listDrafts']);
  const busy = composing.isPending || submitting.isPending;
  const [error, setError] = useState<string | null>(null);
  const [showAllErrors, setShowAllErrors] = useState(false);
  const [guide, setGuide] = useState<string | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  const patch = useCallback((p: Partial<AcceptanceState>) => setState((s) => ({ ...s, ...p })), []);

  const startScope = (project: ProjectSummary | null, code: string | null): Scope => {
    const next = project && project.stagesAccepted.length ? Math.min(4, Math.max(...project.stagesAccepted.filter((n) => n <= 4)) + 1) : 1;
    const type = project?.type;
    const land = project?.landSource;
    return {
      stage: next,
      ...(project ? { projectCode: project.code } : code ? { projectCode: code } : {}),
      projectType: type === '政府投资' || type === '核准' || type === '备案' ? type : '备案',
      landSource: land === '划拨' || land === '出让' ? land : '出让',
      specialWorks: project?.specialWorks ?? [],
      addItems: [],
      dropItems: [],
    };
  };

  const compose = async (scope: Scope, keep?: Partial<AcceptanceState>) => {
    setError(null);
    try {
      const composed = await composing.mutateAsync({ ...scope, idCardRole: stateRef.current.idCardRole });
      setShowAllErrors(false);
      patch({
        scope,
        composed,
        values: composed.values,
        checklist: composed.checklist,
        attachments: {},
        rejected: [],
        counts: {},
        step: 'form',
        ...keep,
      });
    } catch (e) {
      void toast.error(message(e));
    }
  };

  const refreshChecklist = async (rejected: string[]) => {
    const s = stateRef.current;
    if (!s.scope) return;
    const checklist = await api.call('acceptance.checklist', { ...s.scope, values: formValues(s.values), rejected });
    patch({ checklist, rejected });
  };

  /** E-licences the platform holds for the builder: asked for by USCC, filling what the form still lacks. */
  const lookupElicences = async (uscc: string, announce: boolean) => {
    try {
      const found = await api.call('acceptance.lookupElicences', { uscc });
      setState((s) => {
        const values = { ...s.values };
        for (const [key, value] of Object.entries(found.fields)) {
          if (key in values && values[key]?.source === 'empty') values[key] = { value, source: 'e-licence' };
        }
        return { ...s, values, elicenceMessage: found.message };
      });
      if (announce) void (found.found > 0 ? toast.success(found.message) : toast.info(found.message));
      return found;
    } catch (e) {
      if (announce) void toast.error(message(e));
      return null;
    }
  };

  const onEdit = (key: string, value: unknown) => {
    setState((s) => ({ ...s, values: applyClerkEdit(s.values, key, value) }));
    if (key === 'builder.uscc' && typeof value === 'string' && checkUscc(value).ok) void lookupElicences(value.trim().toUpperCase(), false);
  };

  const toMaterials = async () => {
    const s = stateRef.current;
    if (!s.composed) return;
    const check = formValidation(s.composed.form as StageForm, s.values);
    const firstError = Object.keys(check.errors)[0];
    if (firstError) {
      setShowAllErrors(true);
      document.getElementById(`f-${firstError}`)?.focus();
      void toast.warning(`还有 ${Object.keys(check.errors).length} 处需要填写或修改`);
      return;
    }
    try {
      const uscc = plainValues(s.values)['builder.uscc'];
      if (typeof uscc === 'string' && checkUscc(uscc).ok && s.elicenceMessage === undefined)
        await lookupElicences(uscc.trim().toUpperCase(), false);
      await refreshChecklist(s.rejected);
      patch({ step: 'materials' });
    } catch (e) {
      void toast.error(message(e));
    }
  };

  const accept = async (deficiency: DeficiencyChoice | null) => {
    const s = stateRef.current;
    if (!s.scope || !s.composed || busy) return;
    setError(null);
    try {
      const result = await submitting.mutateAsync({
        ...s.scope,
        catalogVersion: s.composed.catalogVersion,
        values: formValues(s.values),
        idCardRole: s.idCardRole,
        materials: [
          ...Object.entries(s.attachments)
            .filter(([, list]) => list.length > 0)
            .map(([code, list]) => ({
              code,
              blobRefs: list.map((a) => a.sha256),
              rejectedReuse: s.rejected.includes(code),
              ...collectedCountsOf(s, code),
            })),
          ...s.rejected.filter((code) => !(s.attachments[code]?.length ?? 0)).map((code) => ({ code, blobRefs: [], rejectedReuse: true })),
        ],
        mode: deficiency ? 'deficiency' : 'accept',
        ...(deficiency
          ? { deficiency: { commitment: deficiency.commitment, ...(deficiency.supplyBy ? { supplyBy: deficiency.supplyBy } : {}) } }
          : {}),
        ...(s.draftId ? { draftId: s.draftId } : {}),
      });
      localStorage.removeItem(LAST_DRAFT_KEY);
      patch({ result, step: 'done', draftId: null });
    } catch (e) {
      const details = e instanceof AppError && e.details?.length ? `：${e.details.map((d) => d.message).join('；')}` : '';
      setError(message(e) + details);
    }
  };

  // Nothing lost: the form is kept as a draft on the Node side as it is typed (debounced), and the
  // draft's id in local storage brings it back after a reload or a crash of the window.
  const autosave = useRef<Promise<unknown>>(Promise.resolve());
  const draftPayload = (s: AcceptanceState): { title: string; data: DraftData } | null => {
    if (!s.composed || !s.scope || s.step === 'done') return null;
    const name = plainValues(s.values)['project.name'];
    const title = `${typeof name === 'string' && name ? name : '新项目'} · 第${s.scope.stage}阶段`;
    return {
      title,
      data: {
        state: {
          step: s.step,
          project: s.project,
          newProjectCode: s.newProjectCode,
          scope: s.scope,
          values: s.values,
          idCardRole: s.idCardRole,
          checklist: s.checklist,
          attachments: s.attachments,
          rejected: s.rejected,
          counts: s.counts,
        },
      },
    };
  };
  // What the clerk sees of it: 正在保存 while a change waits for its save, 已自动保存 once the last change is on the Node side.
  const [draftStatus, setDraftStatus] = useState<'saving' | 'saved' | null>(null);
  const changes = useRef(0);
  useEffect(() => {
    const payload = draftPayload(state);
    if (!payload) return;
    const change = ++changes.current;
    setDraftStatus('saving');
    const timer = window.setTimeout(() => {
      // One save at a time, so the first save's id is used by the next and no second draft appears.
      autosave.current = autosave.current.then(async () => {
        const s = stateRef.current;
        const now = draftPayload(s);
        if (!now || s.step === 'done') return;
        try {
          const saved = await api.call('cases.saveDraft', {
            ...(s.draftId ? { draftId: s.draftId } : {}),
            title: now.title,
            data: { ...now.data },
          });
          if (stateRef.current.step !== 'done') {
            stateRef.current = { ...stateRef.current, draftId: saved.draftId };
            setState((cur) => (cur.step === 'done' ? cur : { ...cur, draftId: saved.draftId }));
            localStorage.setItem(LAST_DRAFT_KEY, saved.draftId);
            if (change === changes.current) setDraftStatus('saved');
          }
        } catch {
          // The next keystroke tries again; Ctrl+S reports failures.
        }
      });
    }, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [state.values, state.step, state.attachments, state.rejected, state.scope, state.idCardRole, state.counts]); // eslint-disable-line react-hooks/exhaustive-deps

  const saveDraft = async (): Promise<string | null> => {
    const s = stateRef.current;
    if (!s.composed || !s.scope) return null;
    const name = plainValues(s.values)['project.name'];
    const title = `${typeof name === 'string' && name ? name : '新项目'} · 第${s.scope.stage}阶段`;
    const data: DraftData = {
      state: {
        step: s.step === 'done' ? 'review' : s.step,
        project: s.project,
        newProjectCode: s.newProjectCode,
        scope: s.scope,
        values: s.values,
        idCardRole: s.idCardRole,
        checklist: s.checklist,
        attachments: s.attachments,
        rejected: s.rejected,
        counts: s.counts,
      },
    };
    try {
      const saved = await api.call('cases.saveDraft', { ...(s.draftId ? { draftId: s.draftId } : {}), title, data: { ...data } });
      patch({ draftId: saved.draftId });
      void toast.success('草稿已保存，可在“受理”首页继续');
      return saved.draftId;
    } catch (e) {
      void toast.error(message(e));
      return null;
    }
  };

  const resume = async (draftId: string, silent = false) => {
    try {
      const draft = await api.call('cases.loadDraft', { draftId });
      localStorage.setItem(LAST_DRAFT_KEY, draftId);
      if (silent) void toast.info(`已恢复未完成的受理：${draft.title}`);
      const saved = (draft.data as Partial<DraftData>).state;
      if (!saved?.scope) throw new Error('草稿内容不完整，请重新受理');
      await compose(saved.scope, {
        ...saved,
        counts: saved.counts ?? {},
        step: saved.step === 'project' || saved.step === 'stage' ? 'form' : saved.step,
        draftId,
      });
    } catch (e) {
      localStorage.removeItem(LAST_DRAFT_KEY);
      if (!silent) void toast.error(message(e));
    }
  };

  useEffect(() => {
    const last = resumeLast ? localStorage.getItem(LAST_DRAFT_KEY) : null;
    if (last) void resume(last, true);
    else if (!resumeLast) localStorage.removeItem(LAST_DRAFT_KEY);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const onCard = useCallback(
    (card: IdCard) => {
      const s = stateRef.current;
      if (!s.composed) return;
      patch({ values: applyCard(s.values, card, s.idCardRole) });
      void toast.info(`已读取身份证：${maskName(card.name)}，已填入${s.idCardRole === 'agent' ? '经办人' : '法定代表人'}`);
    },
    [patch, toast],
  );
  useApiEvent('idcard.read', onCard);

  // The applicant sees what is happening: masked name, stage, what is reused, progress.
  const applicant = plainValues(state.values)['agent.name'];
  useEffect(() => {
    const scope = state.scope;
    void api
      .call('acceptance.display', {
        step: state.step,
        ...(typeof applicant === 'string' && applicant ? { applicantName: applicant } : {}),
        ...(state.project ? { projectName: state.project.name } : {}),
        ...(scope && state.step !== 'project' ? { stage: scope.stage } : {}),
        items: state.composed?.form.items.map((i) => i.code) ?? [],
        checklist:
          state.step === 'materials' || state.step === 'review'
            ? state.checklist.map((l) => ({ code: l.code, status: l.status, from: l.from }))
            : [],
        caseNumbers: state.result?.cases.map((c) => c.caseNumber) ?? [],
      })
      .catch(() => undefined);
  }, [state.step, state.checklist, state.scope, state.project, state.composed, state.result, applicant]);
  useEffect(() => () => void api.call('acceptance.clearDisplay', {}).catch(() => undefined), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = stateRef.current;
      if (e.ctrlKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveDraft();
      } else if (e.ctrlKey && e.key === 'Enter' && s.step === 'review') {
        e.preventDefault();
        void accept(null);
      } else if (!e.ctrlKey && !e.altKey && document.querySelector('.ant-drawer-open, .ant-modal-wrap') === null) {
        const target = e.target as HTMLElement;
        const typing =
          target.tagName === 'INPUT' ||
          target.tagName === 'TEXTAREA' ||
          target.tagName === 'BUTTON' ||
          target.closest('.ant-select') !== null ||
          target.closest('tr[tabindex]') !== null;
        if (s.step === 'stage' && s.scope && !typing && /^[1-5]$/.test(e.key))
          patch({ scope: { ...s.scope, stage: Number(e.key), addItems: [], dropItems: [] } });
        if (e.key === 'Enter' && !typing) {
          if (s.step === 'stage' && s.scope) void compose(s.scope);
          if (s.step === 'materials') patch({ step: 'review' });
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (catalog.isLoading) return <Spin />;
  if (!catalog.data) return <Card size="small">{catalog.error?.message ?? '事项目录未能加载，请联系信息科'}</Card>;
  const current = STEPS.indexOf(state.step);

  return (
    <div className="ow-acceptance" data-testid="acceptance">
      <Steps
        size="small"
        current={current}
        style={{ marginBottom: 8 }}
        items={STEPS.map((s) => ({ title: STEP_TITLES[s] }))}
        onChange={(i) => {
          const to = STEPS[i];
          // Back is always allowed; forward only through each step's own checks.
          if (to && i < current && state.step !== 'done') patch({ step: to });
        }}
      />
      {draftStatus && state.step !== 'project' && state.step !== 'done' && (
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12, float: 'right', marginTop: -4 }}
          data-testid="draft-status"
          data-state={draftStatus}
        >
          {draftStatus === 'saved' ? '草稿已自动保存' : '正在保存草稿…'}
        </Typography.Text>
      )}
      {state.step === 'project' && (
        <ProjectStep
          onPick={(project) => patch({ project, newProjectCode: null, scope: startScope(project, null), step: 'stage' })}
          onNew={(code) => patch({ project: null, newProjectCode: code, scope: startScope(null, code), step: 'stage' })}
          onResume={(id) => void resume(id)}
        />
      )}
      {state.step === 'stage' && state.scope && (
        <StageStep
          catalog={catalog.data}
          project={state.project}
          scope={state.scope}
          onChange={(scope) => patch({ scope })}
          onGuide={setGuide}
          onNext={() => state.scope && void compose(state.scope)}
          busy={busy}
        />
      )}
      {state.step === 'form' && state.composed && (
        <FormStep
          composed={state.composed}
          values={state.values}
          showAllErrors={showAllErrors}
          idCardRole={state.idCardRole}
          locked={SCOPE_KEYS}
          onRole={(idCardRole) => patch({ idCardRole })}
          onEdit={onEdit}
          onGuide={setGuide}
          onNext={() => void toMaterials()}
          onBack={() => patch({ step: 'stage' })}
        />
      )}
      {state.step === 'materials' && (
        <MaterialsStep
          checklist={state.checklist}
          attachments={state.attachments}
          onAttach={(code, a: Attachment) =>
            setState((s) => ({ ...s, attachments: { ...s.attachments, [code]: [...(s.attachments[code] ?? []), a] } }))
          }
          onRemove={(code, sha) =>
            setState((s) => ({
              ...s,
              attachments: { ...s.attachments, [code]: (s.attachments[code] ?? []).filter((a) => a.sha256 !== sha) },
            }))
          }
          onReject={(code) => void refreshChecklist([...state.rejected, code]).catch((e: unknown) => void toast.error(message(e)))}
          elicenceMessage={state.elicenceMessage ?? null}
          onLookupElicences={() => {
            const uscc = plainValues(state.values)['builder.uscc'];
            if (typeof uscc !== 'string' || !checkUscc(uscc).ok) {
              void toast.warning('请先在申请表中填写建设单位统一社会信用代码');
              return;
            }
            void lookupElicences(uscc.trim().toUpperCase(), true).then((found) => found && refreshChecklist(stateRef.current.rejected));
          }}
          counts={state.counts}
          onCounts={(code, c) => setState((s) => ({ ...s, counts: { ...s.counts, [code]: c } }))}
          onNext={() => patch({ step: 'review' })}
          onBack={() => patch({ step: 'form' })}
        />
      )}
      {state.step === 'review' && (
        <ReviewStep
          state={state}
          busy={busy}
          error={error}
          onAccept={(d) => void accept(d)}
          onBack={() => patch({ step: 'materials' })}
          onSaveDraft={saveDraft}
        />
      )}
      {state.step === 'done' && state.result && (
        <ResultStep
          result={state.result}
          onNew={() => {
            localStorage.removeItem(LAST_DRAFT_KEY);
            setState(INITIAL_STATE);
          }}
          onNextStage={() => {
            const code = plainValues(state.values)['project.code'];
            void api.call('acceptance.findProjects', { query: typeof code === 'string' ? code : '' }).then((found) => {
              const project = found.find((p) => p.code === code) ?? null;
              setState({ ...INITIAL_STATE, project, scope: startScope(project, null), step: 'stage' });
            });
          }}
        />
      )}
      <GuideDrawer itemCode={guide} onClose={() => setGuide(null)} />
    </div>
  );
}
