//! The `--help` texts.

use crate::args::HelpTopic;

pub fn text(topic: HelpTopic) -> &'static str {
    match topic {
        HelpTopic::General => GENERAL,
        HelpTopic::Check => CHECK,
        HelpTopic::Diff => DIFF,
        HelpTopic::Generate => GENERATE,
    }
}

const GENERAL: &str = "\
vpcplay: check a VPC Playground design from the command line

Usage:
  vpcplay check FILE|FOLDER [--intents INTENTS] [--format text|json|sarif|junit|markdown]
                [--json] [--lang en|zh] [--verbose] [--param NAME=VALUE]...
                [--var NAME=VALUE]... [--var-file FILE]...
  vpcplay diff OLD NEW [--format text|json|markdown] [--fail-on opened|closed|any]
  vpcplay generate (--functions N [--placements P] | --components N) [--seed S]
  vpcplay help [check|diff|generate]
  vpcplay --version

Commands:
  check     Evaluate a design, a CloudFormation/SAM template or a Terraform configuration
            (.tf files, a folder of them, or a plan/state JSON): what each Lambda function
            can reach, the path, what blocks it and why; plus findings and problems in the
            design itself. With --intents, whether each intent (what must and must not
            reach what) holds.
  diff      Compare two designs or templates (before and after a change): the paths it
            opens, closes or makes partial, the findings it adds or fixes.
  generate  Write a synthetic design (for benchmarks and performance tests) to stdout.

Exit status: 0 when the design was evaluated (whatever the verdicts) and every intent of
severity error holds, 1 when one does not (check --intents) or a --fail-on change is found
(diff), 2 when an input could not be read or the command line is wrong, 1 on any other
failure.
";

const CHECK: &str = "\
vpcplay check: evaluate a design, a template or a Terraform configuration and print every
verdict and finding

Usage:
  vpcplay check FILE [--intents INTENTS] [--format FORMAT] [--json] [--lang en|zh] [--verbose]
                [--param NAME=VALUE]... [--strict-params]
  vpcplay check FILE|FOLDER [--intents INTENTS] [--format FORMAT] [--json]
                [--var NAME=VALUE]... [--var-file FILE]...

Arguments:
  FILE            A design exported from VPC Playground ({\"format\": \"vpc-playground\", ...}),
                  a bare document, an AWS CloudFormation or SAM template in JSON or YAML
                  (recognised by its `Resources` section), a Terraform plan or state as
                  `terraform show -json` prints it (recognised by `format_version` with
                  `planned_values` or `values`), or a Terraform .tf file (recognised by its
                  `resource \"...\"`, `variable \"...\"`, `module \"...\"`, `provider \"...\"` or
                  `terraform {` blocks). Recognised by content, not by extension.
                  `-` reads standard input.
  FOLDER          A Terraform configuration: every .tf, .tfvars and .auto.tfvars file under
                  it, recursively (`.terraform/` and hidden folders skipped).

Options:
  --intents INTENTS
                  An intents file (YAML or JSON, docs/intents.md): what must and must not
                  reach what. Each intent is checked and reported with its verdicts.
  --format FORMAT text (default), json (shape below), sarif (SARIF 2.1.0 for code scanning:
                  broken intents, findings and paths from the internet, located at the
                  component's line in a template), junit (JUnit XML, one test case per
                  intent; needs --intents) or markdown (a pull-request comment).
  --json          Print JSON instead of text (shape below); the same as --format json.
  --lang en|zh    Language of the sentences (default en). Ids, keys and codes stay the same.
  -v, --verbose   Text mode: print every hop of every path with its explanation (with
                  --intents: the whole report, then the intents).
  -p, --param NAME=VALUE
                  A template parameter's value (repeat for each). Parameters with a
                  Default use it; AWS id types (AWS::EC2::VPC::Id, ...::Subnet::Id,
                  ...::SecurityGroup::Id and their List<...>) without one become
                  placeholders outside the template; every other parameter without a
                  value gets a stand-in (its first AllowedValues, else a placeholder
                  that fits its type and constraints), printed in the import report.
                  `--param AWS::Region=eu-west-1` sets the Region (default us-east-1).
  --strict-params Refuse a template whose parameters without a Default are not all
                  given with --param, instead of assuming values for them.
  --var NAME=VALUE
                  A Terraform input variable's value (repeat for each; the last one given
                  for a name wins, as in Terraform). Variables without a value get a
                  stand-in, printed in the import report, and verdicts through what rests
                  on them say \"assumes variable\".
  --var-file FILE A Terraform .tfvars file (repeat for each, applied in order).
  -h, --help      Print this help.

Terraform: component ids are resource addresses (aws_subnet.private[0],
module.vpc.aws_nat_gateway.this[0]). A plan JSON is read as Terraform evaluated it: make one
with `terraform plan -out plan.out && terraform show -json plan.out > plan.json`, or a state
with `terraform show -json > state.json`. Values unknown until apply that name another
resource are linked through the plan's recorded references; the others are listed as
\"unknown until apply\" and verdicts resting on them are a guess. Data sources, modules that
are not expanded and literal ids become placeholders named \"(outside this configuration)\".
The import report lists modules (expanded or not, with the version assumed), variables with
their values and sources, and resources not modelled.

Templates: component ids are the template's logical ids. Resources the playground does not
model are listed, never dropped; placeholders for things the template only refers to are
named \"(outside this template)\". Text output starts with the import report; JSON output
adds \"import\": {\"modelled\", \"not_modelled\", \"skipped\", \"parameters\", \"generated\",
\"outside\", \"notes\", \"warnings\", ...} and, on each verdict, \"depends_on_outside\": BOOL:
true when the verdict rests on a placeholder (listed in \"outside\": [ID]) or on a network
value of an assumed parameter (listed in \"assumed\": [NAME]), so it is a guess, not an answer.

Text output lists each function's verdicts (✓ reachable, ✗ unreachable, ◐ partial: the
answer differs between the function's subnets), with the sentence, the blocking component,
the path as `a → b → c` and the explanation ids; then what the internet can reach; then
problems found in the design and other findings.

JSON output (one object):
  {\"verdicts\": [{\"from\": ID, \"to\": DEST, \"port\": N,
                 \"verdict\": \"reachable\"|\"unreachable\"|\"partial\",
                 \"path\": N (an index into \"paths\"),
                 \"blocked_by\": ID|null, \"explanations\": [STR], \"text\": STR,
                 \"port_range\": [N, N] (only when `port` stands for a range)}],
   \"paths\": [[{\"component\": ID, \"kind\": STR, \"allowed\": BOOL, \"note\": STR}]]
                 (each distinct path once: functions sharing an ENI share it),
   \"unconnected\": [{\"vpc\": ID, \"other_vpc\": ID, \"functions\": [ID],
                    \"targets\": [{\"id\": ID, \"port\": N}], \"verdict\": \"unreachable\",
                    \"blocked_by\": ID, \"explanations\": [STR], \"text\": STR}]
                 (only when some target is in a VPC nothing connects to a function's),
   \"findings\": [{\"id\": STR, \"severity\": \"error\"|\"warning\"|\"info\",
                 \"components\": [ID], \"text\": STR}]}
  ID is a component's id in the document; `from` is a function id or \"internet\"; DEST is
  \"internet\", \"internet-ipv6\", a service (s3, dynamodb, sqs, secretsmanager, sts, kms,
  logs, ssm, and any other endpoint service the design draws or has an endpoint for, such as
  ecr.api) or a database, data store or instance id. A target is asked on its port and on
  every port or range its security groups open (a range by its first port, with
  \"port_range\"). `explanations` and finding `id`s are catalogue codes
  such as \"L6.public-subnet\". `text` and `note` are in the --lang language.
  Validation diagnostics (problems in the design itself: a malformed CIDR, a dangling
  reference ...) come first in \"findings\", each with its catalogue id (\"V.…\"), its
  severity and the component it concerns; the findings about the design's qualities follow.

Intents: text output lists each intent with ✓ or ✗; a broken one with each verdict that
breaks it (from → to: verdict, the sentence, the component that blocks it or lets it
through, the path and the explanation ids), or why no verdict shows it. JSON output adds
  \"intents\": [{\"id\": STR, \"severity\": \"error\"|\"warning\"|\"note\", \"holds\": BOOL,
               \"text\": STR, \"sources\": [ID],
               \"failures\": [{\"from\": ID, \"to\": DEST, \"port\": N, \"verdict\": STR,
                             \"blocked_by\": ID|null, \"component\": ID,
                             \"explanations\": [STR], \"text\": STR}],
               \"problem\": STR (when no verdict shows why)}].

Exit status: 0 when the design was evaluated, even if it has errors or nothing is reachable,
and every intent of severity error holds; 1 when one does not (warning and note intents are
reported only); 2 when FILE or INTENTS cannot be read or is not a design or template (the message names the file and
the problem, with line and column for JSON and YAML errors, unknown tags, circular or
missing references; with --strict-params, missing parameter values are listed with the
--param to pass).
";

const DIFF: &str = "\
vpcplay diff: what a change does to reachability

Usage:
  vpcplay diff OLD NEW [--format text|json|markdown] [--json] [--fail-on opened|closed|any]
               [--lang en|zh] [--param NAME=VALUE]... [--strict-params]

Arguments:
  OLD, NEW        Two inputs `vpcplay check` reads (designs, CloudFormation or SAM templates),
                  before and after the change; one of them may be `-` (standard input), e.g.
                  `git show origin/main:template.yaml | vpcplay diff - template.yaml`.

Options:
  --format FORMAT text (default), json or markdown (a pull-request comment).
  --json          The same as --format json.
  --fail-on WHAT  Exit 1 when the change opens a path (opened: a path now reachable, or
                  partly reachable where it was not), closes one (closed: no longer
                  reachable, or only partly where it was), or changes anything (any: a path,
                  a finding or a problem).
  --lang en|zh    Language of the sentences (default en).
  -p, --param NAME=VALUE
                  A template parameter's value, for both files (see `vpcplay check --help`).
  --strict-params Refuse templates whose parameters without a Default are not all given.
  -h, --help      Print this help.

Paths are matched by source, destination and port. Text output lists the paths opened (+),
closed (-) and made partial (◐), each in words (\"this change gave orders-fn a path to the
internet through nat-a\") with its explanation ids, then findings and problems added and
fixed, then a summary line.

JSON output (one object):
  {\"old\": FILE, \"new\": FILE,
   \"opened\" | \"closed\" | \"partial\": [{\"from\": ID, \"to\": DEST, \"port\": N,
        \"before\": VERDICT|null, \"after\": VERDICT|null (null: the verdict does not exist),
        \"through\": ID|null (what lets the path through now), \"blocked_by\": ID|null,
        \"explanations\": [STR], \"text\": STR}],
   \"findings_added\" | \"findings_fixed\" | \"problems_added\" | \"problems_resolved\":
        [{\"id\": STR, \"severity\": STR, \"components\": [ID], \"text\": STR}]}

Exit status: 0 when both were compared (and no --fail-on change was found), 1 when a
--fail-on change was found, 2 when OLD or NEW cannot be read.
";

const GENERATE: &str = "\
vpcplay generate: write a synthetic design to stdout

Usage:
  vpcplay generate --functions N [--placements P] [--seed S]
  vpcplay generate --components N [--seed S]

Options:
  --functions N    One VPC in three Availability Zones with N Lambda functions sharing P
                   (subnets, security groups) placements, two databases and an instance.
  --placements P   Distinct placements the functions share (default 4).
  --components N   About N components in the proportions of a serverless estate: about 60
                   per VPC (subnets in 3 AZs, NAT gateways, endpoints, security groups,
                   functions, two databases and an instance per VPC).
  --seed S         Varies the choices a generated design makes (default 1). The same
                   arguments always give the same design.

The design is in the export format, ready for `vpcplay check` or the web app's Import.
";
