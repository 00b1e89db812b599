/** A CloudWatch dashboard (account-wide in AWS; the name carries the stack and region: name.ts). */
export interface DashboardSpec {
  readonly kind: 'dashboard';
  /** The name in AWS: `monitors_<stack>_<region>_<name>` (see name.ts). */
  readonly name: string;
  /** The dashboard body as canonical JSON: keys sorted, AWS's defaults filled (body.ts normalizeBody). */
  readonly body: string;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly dashboard: DashboardSpec;
  }
}
