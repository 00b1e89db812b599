import type { ServicePack } from './types';
import { alb } from './services/alb';
import { apigatewayHttp } from './services/apigateway-http';
import { aurora } from './services/aurora';
import { cloudfront } from './services/cloudfront';
import { dynamodb } from './services/dynamodb';
import { ebs } from './services/ebs';
import { ec2 } from './services/ec2';
import { ecs } from './services/ecs';
import { elasticache } from './services/elasticache';
import { kinesis } from './services/kinesis';
import { lambda } from './services/lambda';
import { nlb } from './services/nlb';
import { opensearch } from './services/opensearch';
import { rds } from './services/rds';
import { s3 } from './services/s3';
import { sns } from './services/sns';
import { sqs } from './services/sqs';
import { stepfunctions } from './services/stepfunctions';

/** Every service with a pack, by the name `packs: - service:` uses. */
export const SERVICES: Readonly<Record<string, ServicePack>> = Object.fromEntries(
  [
    lambda,
    sqs,
    sns,
    apigatewayHttp,
    alb,
    nlb,
    dynamodb,
    rds,
    aurora,
    ecs,
    ec2,
    ebs,
    kinesis,
    stepfunctions,
    elasticache,
    opensearch,
    cloudfront,
    s3,
  ].map((p) => [p.service, p]),
);

/** The service's pack, or undefined. */
export function servicePack(service: string): ServicePack | undefined {
  return Object.prototype.hasOwnProperty.call(SERVICES, service) ? SERVICES[service] : undefined;
}
