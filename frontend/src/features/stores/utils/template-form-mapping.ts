import type { Template, TemplateCreate } from '@/api/generated/openapi';
import type { TemplateFormValues } from '@/features/stores/schemas/template-schema';
import {
  emptyStoreForm,
  formToPlans,
  plansToForm,
} from '@/features/stores/utils/store-form-mapping';

export function emptyTemplateForm(): TemplateFormValues {
  const { type, tags, notes, hardwareEnabled, hardwarePlan, networkPlan } = emptyStoreForm();
  return {
    name: '',
    description: '',
    type,
    tags,
    notes,
    hardwareEnabled,
    hardwarePlan,
    networkPlan,
  };
}

export function templateToForm(t: Template): TemplateFormValues {
  return {
    name: t.name,
    description: t.description,
    type: t.type,
    tags: [...t.tags],
    notes: t.notes,
    ...plansToForm(t),
  };
}

/** Every member of the template the form edits; segments without a subnet. */
export function formToTemplate(v: TemplateFormValues): Required<TemplateCreate> {
  const { hardwarePlan, networkPlan } = formToPlans(v);
  return {
    name: v.name.trim(),
    description: v.description.trim(),
    type: v.type,
    tags: v.tags,
    notes: v.notes,
    hardwarePlan,
    networkPlan: networkPlan.map(({ purpose, vlanId }) => ({ purpose, vlanId })),
  };
}
