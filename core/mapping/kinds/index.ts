import type { MappingKind } from '../rows';
import { accountsKind } from './accounts';
import { customersKind } from './customers';
import { paymentMethodsKind } from './payment-methods';
import { taxRulesKind } from './tax-rules';
import type { MappingKindDefinition } from './types';

/** Every kind of mapping, one module each; a new kind is one module and one line here (and its name in rows.ts). */
export const mappingKindDefinitions: Record<MappingKind, MappingKindDefinition> = {
  accounts: accountsKind,
  'tax-rules': taxRulesKind,
  'payment-methods': paymentMethodsKind,
  customers: customersKind,
};
