/**
 * The CloudFormation template a team deploys once per AWS account and repository: GitHub's OIDC provider
 * (or the existing one), the plan role (pull requests and the default branch, which runs the drift
 * schedule) and the apply role (only jobs in the protected `monitors` environment), each with the policy
 * `monitors iam-policy` prints for the stack, and the chat forwarder's permissions boundary (one per
 * account, like the OIDC provider), without which the apply role cannot create the forwarder's role.
 * Pure: the policies come in, YAML text goes out.
 */
import { stringify } from 'yaml';
import type { PolicyDocument } from '../iam-policy';
import { FORWARDER_BOUNDARY_NAME, FORWARDER_BOUNDARY_PATH } from '../kinds/forwarder-function/names';
import { boundaryDocument } from '../kinds/forwarder-role/policy';

/** The repository secrets the workflows read the roles' ARNs from (.github/workflows/monitors-*.yml). */
export const ROLE_SECRETS = { plan: 'MONITORS_PLAN_ROLE_ARN', apply: 'MONITORS_APPLY_ROLE_ARN' } as const;

const ISSUER = 'token.actions.githubusercontent.com';

/** Turns every string holding a CloudFormation `${...}` reference into an Fn::Sub. */
function substituted(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('${') ? { 'Fn::Sub': value } : value;
  if (Array.isArray(value)) return value.map(substituted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituted(v)]));
  }
  return value;
}

/** A role that GitHub's OIDC tokens for the given `sub` claims may assume. */
function role(description: string, subjects: readonly string[], policyName: string, policy: PolicyDocument) {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: description,
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              Federated: {
                'Fn::If': [
                  'CreateProvider',
                  { Ref: 'GitHubOidcProvider' },
                  { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${ISSUER}` },
                ],
              },
            },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                [`${ISSUER}:aud`]: 'sts.amazonaws.com',
                [`${ISSUER}:sub`]: subjects.map((s) => ({ 'Fn::Sub': s })),
              },
            },
          },
        ],
      },
      Policies: [{ PolicyName: policyName, PolicyDocument: substituted(policy) }],
    },
  };
}

/** The template for one stack, as YAML with a header saying how to deploy and regenerate it. */
export function rolesTemplate(options: {
  readonly stack: string;
  readonly plan: PolicyDocument;
  readonly apply: PolicyDocument;
}): string {
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `monitors: GitHub OIDC roles to plan and apply the monitors stack "${options.stack}"`,
    Parameters: {
      GitHubRepository: {
        Type: 'String',
        Description: 'The repository holding the monitors files, as owner/name',
        AllowedPattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$',
      },
      DefaultBranch: {
        Type: 'String',
        Default: 'main',
        Description: 'The default branch: the drift schedule runs there, so its jobs may use the plan role',
      },
      EnvironmentName: {
        Type: 'String',
        Default: 'monitors',
        Description: 'The GitHub environment of the apply job; restrict its deployment branches to the default branch',
      },
      CreateOidcProvider: {
        Type: 'String',
        Default: 'true',
        AllowedValues: ['true', 'false'],
        Description: `false when the account already has the ${ISSUER} OIDC provider (one per account)`,
      },
      CreateForwarderBoundary: {
        Type: 'String',
        Default: 'true',
        AllowedValues: ['true', 'false'],
        Description: `false when the account already has the ${FORWARDER_BOUNDARY_NAME} policy (one per account, from another monitors stack)`,
      },
    },
    Conditions: {
      CreateProvider: { 'Fn::Equals': [{ Ref: 'CreateOidcProvider' }, 'true'] },
      CreateBoundary: { 'Fn::Equals': [{ Ref: 'CreateForwarderBoundary' }, 'true'] },
    },
    Resources: {
      GitHubOidcProvider: {
        Type: 'AWS::IAM::OIDCProvider',
        Condition: 'CreateProvider',
        Properties: { Url: `https://${ISSUER}`, ClientIdList: ['sts.amazonaws.com'] },
      },
      // The chat forwarder's role is created with this boundary, and may never do more than it allows.
      ForwarderBoundary: {
        Type: 'AWS::IAM::ManagedPolicy',
        Condition: 'CreateBoundary',
        Properties: {
          ManagedPolicyName: FORWARDER_BOUNDARY_NAME,
          Path: FORWARDER_BOUNDARY_PATH,
          Description: 'monitors: the most a chat forwarder role may do (its logs, its failure queue)',
          PolicyDocument: substituted(boundaryDocument('${AWS::AccountId}')),
        },
      },
      PlanRole: role(
        'monitors plan and drift: read-only',
        ['repo:${GitHubRepository}:pull_request', 'repo:${GitHubRepository}:ref:refs/heads/${DefaultBranch}'],
        'monitors-plan',
        options.plan,
      ),
      ApplyRole: role(
        'monitors apply: only jobs in the protected environment',
        ['repo:${GitHubRepository}:environment:${EnvironmentName}'],
        'monitors-apply',
        options.apply,
      ),
    },
    Outputs: {
      PlanRoleArn: {
        Description: `Repository secret ${ROLE_SECRETS.plan}`,
        Value: { 'Fn::GetAtt': ['PlanRole', 'Arn'] },
      },
      ApplyRoleArn: {
        Description: `Repository secret ${ROLE_SECRETS.apply}`,
        Value: { 'Fn::GetAtt': ['ApplyRole', 'Arn'] },
      },
    },
  };
  const header = [
    `# Generated by \`monitors roles-template\` for the stack "${options.stack}": regenerate it when the`,
    '# stack changes (the apply policy is scoped to it). Deploy once per AWS account and repository:',
    '#   aws cloudformation deploy --template-file roles.yaml --stack-name monitors-roles \\',
    '#     --capabilities CAPABILITY_IAM --parameter-overrides GitHubRepository=OWNER/REPO',
    '# (add CreateOidcProvider=false when the account already has the GitHub OIDC provider, and',
    '# CreateForwarderBoundary=false when it already has the monitors-forwarder-boundary policy), then store',
    `# the output PlanRoleArn as the repository secret ${ROLE_SECRETS.plan} and ApplyRoleArn as`,
    `# ${ROLE_SECRETS.apply}: the names the monitors workflows read.`,
  ].join('\n');
  return `${header}\n${stringify(template, { lineWidth: 0, version: '1.1' })}`;
}
