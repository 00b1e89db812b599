/** The ARN of a Contributor Insights rule (the tagging calls take it; DescribeInsightRules does not answer it). */
export function insightRuleArn(region: string, accountId: string, name: string): string {
  return `arn:aws:cloudwatch:${region}:${accountId}:insight-rule/${name}`;
}
