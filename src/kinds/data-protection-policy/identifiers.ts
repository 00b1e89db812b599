/**
 * CloudWatch Logs' managed data identifiers, from "CloudWatch Logs managed data identifiers for
 * sensitive data types" (CloudWatch Logs User Guide, CWL-managed-data-identifiers). Those that
 * depend on a country are written NAME-CC (ISO 3166-1 alpha-2, "DriversLicense-US"); the guide
 * lists which countries each takes, which monitors does not repeat: it checks the name and the form.
 */
import { didYouMean } from '../../shared/suggest';

/** Identifiers that take no country. */
export const GLOBAL_IDENTIFIERS: readonly string[] = [
  'Address',
  'AwsSecretKey',
  'CreditCardExpiration',
  'CreditCardNumber',
  'CreditCardSecurityCode',
  'EmailAddress',
  'IpAddress',
  'LatLong',
  'Name',
  'OpenSshPrivateKey',
  'PgpPrivateKey',
  'PkcsPrivateKey',
  'PuttyPrivateKey',
  'VehicleIdentificationNumber',
];

/** Identifiers written with a country code after a hyphen. */
export const COUNTRY_IDENTIFIERS: readonly string[] = [
  'BankAccountNumber',
  'CepCode',
  'Cnpj',
  'CpfCode',
  'DriversLicense',
  'DrugEnforcementAgencyNumber',
  'ElectoralRollNumber',
  'HealthInsuranceCardNumber',
  'HealthInsuranceClaimNumber',
  'HealthInsuranceNumber',
  'HealthcareProcedureCode',
  'IndividualTaxIdentificationNumber',
  'InseeCode',
  'MedicareBeneficiaryNumber',
  'NationalDrugCode',
  'NationalIdentificationNumber',
  'NationalInsuranceNumber',
  'NationalProviderId',
  'NhsNumber',
  'NieNumber',
  'NifNumber',
  'PassportNumber',
  'PermanentResidenceNumber',
  'PersonalHealthNumber',
  'PhoneNumber',
  'PostalCode',
  'RgNumber',
  'SocialInsuranceNumber',
  'Ssn',
  'TaxId',
  'ZipCode',
];

/** The ARN prefix of AWS's managed identifiers (the partition is AWS's commercial one). */
export const IDENTIFIER_ARN_PREFIX = 'arn:aws:dataprotection::aws:data-identifier/';

const ARN = /^arn:aws[a-z-]*:dataprotection::aws:data-identifier\/[A-Za-z0-9-]+$/;

/** The ARN an identifier is sent as: a bare name gets the managed prefix, an ARN is kept. */
export function identifierArn(written: string): string {
  return written.startsWith('arn:') ? written : `${IDENTIFIER_ARN_PREFIX}${written}`;
}

/** The short name of a managed identifier's ARN (what import writes), or the ARN itself for another. */
export function identifierName(arn: string): string {
  return arn.startsWith(IDENTIFIER_ARN_PREFIX) ? arn.slice(IDENTIFIER_ARN_PREFIX.length) : arn;
}

const ALL_NAMES = [...GLOBAL_IDENTIFIERS, ...COUNTRY_IDENTIFIERS.map((n) => `${n}-US`)];

/** What is wrong with an identifier as written, or undefined when it is one AWS manages. */
export function identifierProblem(written: string): string | undefined {
  if (written.startsWith('arn:'))
    return ARN.test(written)
      ? undefined
      : `${JSON.stringify(written)} is not a managed data identifier's ARN (${IDENTIFIER_ARN_PREFIX}NAME)`;
  if (GLOBAL_IDENTIFIERS.includes(written)) return undefined;
  const m = /^([A-Za-z]+)-([A-Z]{2})$/.exec(written);
  if (m && COUNTRY_IDENTIFIERS.includes(m[1] as string)) return undefined;
  if (COUNTRY_IDENTIFIERS.includes(written))
    return `${JSON.stringify(written)} needs a country code: ${written}-US (ISO 3166-1 alpha-2)`;
  return `${JSON.stringify(written.slice(0, 80))} is not a CloudWatch Logs managed data identifier${didYouMean(written, ALL_NAMES)} (the list: CloudWatch Logs User Guide, "managed data identifiers"; write an identifier's full ARN to send it unchecked)`;
}
