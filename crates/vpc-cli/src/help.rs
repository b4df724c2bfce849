//! The `--help` texts.

use crate::args::HelpTopic;

pub fn text(topic: HelpTopic) -> &'static str {
    match topic {
        HelpTopic::General => GENERAL,
        HelpTopic::Check => CHECK,
        HelpTopic::Generate => GENERATE,
    }
}

const GENERAL: &str = "\
vpcplay: check a VPC Playground design from the command line

Usage:
  vpcplay check FILE|FOLDER [--json] [--lang en|zh] [--verbose] [--param NAME=VALUE]...
                [--var NAME=VALUE]... [--var-file FILE]...
  vpcplay generate (--functions N [--placements P] | --components N) [--seed S]
  vpcplay help [check|generate]
  vpcplay --version

Commands:
  check     Evaluate a design, a CloudFormation/SAM template or a Terraform configuration
            (.tf files, a folder of them, or a plan/state JSON): what each Lambda function
            can reach, the path, what blocks it and why; plus findings and problems in the
            design itself.
  generate  Write a synthetic design (for benchmarks and performance tests) to stdout.

Exit status: 0 when the design was evaluated (whatever the verdicts), 2 when the input
could not be read or the command line is wrong, 1 on any other failure.
";

const CHECK: &str = "\
vpcplay check: evaluate a design, a template or a Terraform configuration and print every
verdict and finding

Usage:
  vpcplay check FILE [--json] [--lang en|zh] [--verbose] [--param NAME=VALUE]... [--strict-params]
  vpcplay check FILE|FOLDER [--json] [--var NAME=VALUE]... [--var-file FILE]...

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
  --json          Print JSON instead of text (shape below).
  --lang en|zh    Language of the sentences (default en). Ids, keys and codes stay the same.
  -v, --verbose   Text mode: print every hop of every path with its explanation.
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

Exit status: 0 when the design was evaluated, even if it has errors or nothing is reachable;
2 when FILE cannot be read or is not a design or template (the message names the file and
the problem, with line and column for JSON and YAML errors, unknown tags, circular or
missing references; with --strict-params, missing parameter values are listed with the
--param to pass).
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
