// Turns anything thrown by the API into what an error box shows: message, file and field (AppError fields).
import { toAppErrorData, type AppErrorData } from '@shared/contract/errors'
import { describeSettingsIssue, type SettingsIssue } from '@shared/domain/config-field-docs'

/** Display form of a failure. A zod error from client-side validation names its first failing path as the field. */
export function describeError(err: unknown): AppErrorData {
  if (err && typeof err === 'object' && 'issues' in err && Array.isArray((err as { issues: unknown }).issues)) {
    const issue = (err as { issues: SettingsIssue[] }).issues[0]
    if (issue)
      return {
        code: 'INVALID_SETTINGS',
        message: describeSettingsIssue(issue) ?? issue.message,
        field: issue.path.map(String).join('.')
      }
  }
  return toAppErrorData(err)
}
