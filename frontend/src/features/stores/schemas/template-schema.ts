import { storeTypeValues } from '@/api/generated/openapi';
import {
  checkPlans,
  optionalText,
  planShape,
  requiredText,
  tagsSchema,
} from '@/features/stores/schemas/store-schema';
import { z } from '@/lib/zod';

// The template form (docs/openapi.json `TemplateCreate`): the store form's type, tags, notes and
// plans, with a name and a description. The plans use the store form's fields and checks, so the
// wizard's editors edit them; a template's segments never carry a subnet (the field is hidden
// and never sent). The server's 422 field errors land on the same paths (`name`,
// `networkPlan.0.vlanId`, `hardwarePlan.router`).
export const templateFormSchema = z
  .object({
    name: requiredText(100),
    description: optionalText(2000),
    type: z.enum(storeTypeValues, 'Choose a store type'),
    tags: tagsSchema,
    notes: optionalText(2000),
    ...planShape,
  })
  .superRefine(checkPlans);

export type TemplateFormValues = z.infer<typeof templateFormSchema>;
