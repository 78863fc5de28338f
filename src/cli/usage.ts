/** What `migraine-cds --help` and `migraine-cds assess --help` print. */
export const USAGE = `Usage: migraine-cds <command> [options]

Commands:
  assess <bundle.json> [--patient <id>] [--date YYYY-MM-DD] [--policy default|payer-strict|nice-ta260]
         [--tz <IANA zone>] [--json] [--help]
      Assess a FHIR R4 Bundle (or a JSON array of resources) exported from your own system and print the assessment
      and the card the service would show. --json prints the machine-readable assessment and the card as JSON.
`;
