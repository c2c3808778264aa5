import { FieldIssue, validationIssues } from '@app/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AiSwitchesPatchDto, ScoringPatchDto } from '../../admin/dto/admin-config.dto';
import { snake } from '../../uploads/csv-upload';

/** The settings sections the product reads, checked as PATCH admin/config checks them. */
const SECTIONS: Record<string, new () => object> = { scoring: ScoringPatchDto, ai: AiSwitchesPatchDto };

/**
 * What a settings merge patch sets in `scoring` and `ai`, refused as `PATCH admin/config` refuses it: a value of
 * the wrong kind or out of range, or a key the product does not read (a typo would be stored and ignored, the
 * default scoring on). Keys may be camelCase (the readers take both); null removes a key, as the merge patch says.
 * Other settings are the tenant's own, free-form.
 */
export function tenantSettingsIssues(settings: Record<string, unknown>): FieldIssue[] {
  return Object.entries(SECTIONS).flatMap(([section, dto]) => {
    const value = settings[section];
    if (value === undefined || value === null) return [];
    if (!isRecord(value)) return [{ field: `settings.${section}`, reason: 'must be an object' }];
    const errors = validateSync(plainToInstance(dto, setValues(value)), {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    });
    return validationIssues(errors, `settings.${section}`);
  });
}

/** The patch's keys in snake_case, without the nulls that remove keys (nested objects too). */
function setValues(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [snake(k), isRecord(v) ? setValues(v) : v]),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
