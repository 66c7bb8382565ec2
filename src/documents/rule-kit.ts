import type { FieldIssue } from '../core/errors.js';
import type { RuleOutcome } from './document-definition.js';

/** Collects a document's blocking errors and warnings as its rules run. */
export class RuleCollector {
  readonly errors: FieldIssue[] = [];
  readonly warnings: FieldIssue[] = [];

  error(path: string, code: string, message_fr: string, message_en: string): void {
    this.errors.push({ path, code, message_fr, message_en });
  }

  warn(path: string, code: string, message_fr: string, message_en: string): void {
    this.warnings.push({ path, code, message_fr, message_en });
  }

  outcome(): RuleOutcome {
    return { errors: this.errors, warnings: this.warnings };
  }
}
